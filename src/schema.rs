//! JSON Schema pieces the derived schemas (see `schemas/`) cannot express on their own: schemars
//! describes a map's values but not its keys, and the config's maps are keyed by closed sets
//! (source tiers, claim classes), which is exactly what an editor should check.

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

/// A table whose keys are the values of `K` (an enum read from kebab-case strings) and whose
/// values are `V`.
pub fn keyed_by<K: JsonSchema, V: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    let keys = generator.subschema_for::<K>();
    let values = generator.subschema_for::<V>();
    json_schema!({
        "type": "object",
        "propertyNames": keys,
        "additionalProperties": values,
    })
}
