//! The context model shared by every rule: is a matched phrase asserted by the writer, or is it
//! negated, hedged, asked, reported, mentioned or an instruction?
//!
//! Rules never judge context themselves. A rule finds its trigger; [`assess`] then looks at the
//! words around it, once, the same way for every rule. The cue lists live in [`cues`] and are
//! grounded in NegEx (Chapman et al. 2001), ConText (Harkema et al. 2009) and the BioScope /
//! CoNLL-2010 hedge cues, plus consumer-health hedges and warnings those biomedical lists miss.
//! Whether a claim carries a citation is context too, decided in [`citations`].

pub mod citations;
pub mod cues;
mod words;

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use words::Words;

/// A reason a matched phrase is not the writer's own claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ContextKind {
    /// "has not been proven safe", "there is no cure", "could not confirm".
    Negated,
    /// "may improve", "early results suggest", "it is unclear whether".
    Hedged,
    /// "Is it proven? Not yet."
    Question,
    /// "claims that the tea cures cancer are false", "is marketed as a miracle".
    Reported,
    /// The phrase is talked about, not used: "avoid words like “miracle”".
    Mention,
    /// "Always read the label", "Never stop your medication without advice".
    Instruction,
    /// An institution's mission or aim, not a result: "is committed to transformative research",
    /// "seeks to revolutionize diabetes care", "investigating causes, treatments and cures".
    Aspiration,
    /// A citation is attached to the sentence ([`citations`]). Judged per document, not by
    /// [`assess`], and it silences only rules whose claim `needs-source`.
    Cited,
}

/// How far back (in words) a negation cue reaches: NegEx's five-word window, widened for consumer
/// prose ("no standard treatment has been found to work for every patient").
const NEGATION_WINDOW: usize = 8;
/// How far back a hedge reaches within its clause ("early results suggest that the drug improves").
const HEDGE_WINDOW: usize = 10;
/// How far after the trigger a rebuttal reaches ("… cures cancer are false").
const REBUTTAL_WINDOW: usize = 6;
/// How far back a mission or aim reaches ("committed to providing care, conducting
/// transformative research").
const ASPIRATION_WINDOW: usize = 8;
/// How far back a mention cue reaches ("words like", "the term").
const MENTION_WINDOW: usize = 4;

/// Every context that applies to the phrase at `span` in `sentence`, in a fixed order.
pub fn assess(sentence: &str, words: &Words, span: Range<usize>) -> Vec<ContextKind> {
    let mut kinds = Vec::new();
    let first = words.first_at_or_after(span.start);
    let after = words.first_at_or_after(span.end);
    let clause_start = words.clause_start(sentence, first);

    if cues::is_question(sentence) && !cues::is_rhetorical(words) {
        kinds.push(ContextKind::Question);
    }
    let window = |size: usize| first.saturating_sub(size).max(clause_start)..first;
    // A phrase that is a negation itself ("no side effects") is its own item in a list of them
    // ("no gluten and no side effects"), not inside the scope of the one before.
    let negation_window = match words.has_cue_in(cues::NEGATION, first..first + 1) {
        true => {
            window(NEGATION_WINDOW)
                .start
                .max(words.list_item_start(sentence, first))..first
        }
        false => {
            let window = window(NEGATION_WINDOW);
            window
                .start
                .max(words.coordinated_clause_start(sentence, first))..window.end
        }
    };
    if words.has_cue_ending_in(cues::NEGATION, negation_window, cues::PSEUDO_NEGATION)
        || words.has_cue_ending_in(cues::NEGATED_PROPOSITION, 0..first, &[])
        || words.has_cue_in(cues::REBUTTAL, after..(after + REBUTTAL_WINDOW))
    {
        kinds.push(ContextKind::Negated);
    }
    // A modal in the second term of a comparison hedges the comparison, not the claim: "less
    // pressure than you would use on a bottle, making it completely safe". A "should" with
    // people as its subject is advice, not doubt: "humans should eat two servings a week".
    // A hedging adjective doubts its own noun, not the clause after it ("other potential
    // treatments, and the drug is well tolerated").
    if words.has_cue_ending_in_unless(cues::HEDGE, window(HEDGE_WINDOW), |j| {
        words.is_compared(j)
            || words.is_advice_modal(j)
            || words.is_attributive_before_verb(j, first)
    }) || words.has_cue_ending_in(cues::CONDITIONAL, 0..first, &[])
    {
        kinds.push(ContextKind::Hedged);
    }
    // Quotation marks alone do not distance the writer: a quote a text chooses to print is its
    // own claim ("including in the quotes of researchers", HealthNewsReview). Only a distancing
    // or rebutting cue makes a claim reported.
    if words.has_cue_ending_in(cues::REPORTING, 0..first, &[]) {
        kinds.push(ContextKind::Reported);
    }
    // A phrase in quotation marks is a mention only when the sentence talks about words
    // ("the term “superfood”"); otherwise it is a quote the writer chose to print.
    if words.has_cue_ending_in(
        cues::MENTION,
        first.saturating_sub(MENTION_WINDOW)..first,
        &[],
    ) {
        kinds.push(ContextKind::Mention);
    }
    // An imperative instructs its own clause: after "Read Tom's story:" the story is told.
    if words.is_imperative() && clause_start == 0 {
        kinds.push(ContextKind::Instruction);
    }
    if words.has_cue_ending_in(cues::ASPIRATION, window(ASPIRATION_WINDOW), &[]) {
        kinds.push(ContextKind::Aspiration);
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contexts(sentence: &str, phrase: &str) -> Vec<ContextKind> {
        let start = sentence.find(phrase).expect("phrase in sentence");
        let words = Words::new(sentence);
        assess(sentence, &words, start..start + phrase.len())
    }

    use ContextKind::*;

    #[test]
    fn plain_claims_have_no_context() {
        assert!(contexts("Stem cells cure arthritis.", "cure").is_empty());
        assert!(contexts("This is a miracle cure.", "miracle").is_empty());
        assert!(contexts("A study confirmed it is safe.", "confirmed").is_empty());
    }

    #[test]
    fn negation_before_and_rebuttal_after() {
        assert_eq!(
            contexts("It has not been proven safe.", "proven safe"),
            [Negated]
        );
        assert_eq!(
            contexts("There is no cure for arthritis.", "cure"),
            [Negated]
        );
        assert_eq!(
            contexts("Researchers could not confirm the result.", "confirm"),
            [Negated, Hedged]
        );
        assert_eq!(
            contexts("There is no evidence that turmeric cures cancer.", "cures"),
            [Negated]
        );
        assert_eq!(
            contexts("The idea that tea cures cancer is false.", "cures"),
            [Negated]
        );
        assert_eq!(contexts("It doesn’t cure the disease.", "cure"), [Negated]);
        assert_eq!(
            contexts(
                "While no standard treatment has been found to work for every patient, options exist.",
                "work for every patient"
            ),
            [Negated]
        );
    }

    #[test]
    fn negation_stops_at_clause_boundaries_and_pseudo_negations() {
        assert!(contexts("It is not cheap, but it cures arthritis.", "cures").is_empty());
        assert!(contexts("It not only eases pain but cures arthritis.", "cures").is_empty());
        assert!(contexts("There is no doubt it cures arthritis.", "cures").is_empty());
    }

    #[test]
    fn a_negation_in_a_list_of_negations_is_its_own() {
        let sentence = "It is natural, with no gluten, no sugar and no side effects.";
        assert!(contexts(sentence, "no side effects").is_empty());
        assert_eq!(
            contexts(
                "No medicine is without side effects.",
                "without side effects"
            ),
            [Negated]
        );
        assert_eq!(
            contexts("It does not have no side effects.", "no side effects"),
            [Negated]
        );
    }

    #[test]
    fn hedges() {
        assert_eq!(
            contexts("It may improve joint function.", "improve"),
            [Hedged]
        );
        assert_eq!(
            contexts(
                "Early results suggest the drug fundamentally improves arthritis.",
                "fundamentally improves"
            ),
            [Hedged]
        );
        assert_eq!(
            contexts("It is unclear whether it cures the disease.", "cures"),
            [Hedged]
        );
        assert_eq!(
            contexts(
                "Clinical trials are testing whether it cures leukemia.",
                "cures"
            ),
            [Hedged]
        );
        assert_eq!(
            contexts(
                "Low-risk tumors have a good chance of being cured.",
                "cured"
            ),
            [Hedged]
        );
    }

    #[test]
    fn a_modal_in_a_comparison_does_not_hedge_the_claim() {
        let sentence = "It uses less force than you would use, making it completely safe.";
        assert!(contexts(sentence, "completely safe").is_empty());
        let sentence = "It may be safer than surgery.";
        assert_eq!(contexts(sentence, "safer"), [Hedged]);
    }

    #[test]
    fn a_should_of_advice_to_people_does_not_hedge_the_advice() {
        let sentence = "The authors said adults should eat three servings of beans a week.";
        assert!(contexts(sentence, "eat three servings").is_empty());
        let sentence = "This should ease the pain within a week.";
        assert_eq!(contexts(sentence, "ease the pain"), [Hedged]);
        let sentence = "You should take iron to treat anemia.";
        assert!(contexts(sentence, "treat anemia").contains(&Hedged));
    }

    #[test]
    fn a_hedging_adjective_doubts_its_noun_not_the_next_clause() {
        let sentence = "It beats other potential options and the pill is completely safe.";
        assert!(contexts(sentence, "completely safe").is_empty());
        let sentence = "A potential cure for arthritis was announced.";
        assert_eq!(contexts(sentence, "cure"), [Hedged]);
        let sentence = "It is possible that the pill is completely safe.";
        assert_eq!(contexts(sentence, "completely safe"), [Hedged]);
    }

    #[test]
    fn a_negation_does_not_reach_past_a_comma_and_a_conjunction() {
        let sentence = "There are no side effects, and it is safe for everyone.";
        assert!(contexts(sentence, "safe for everyone").is_empty());
        let sentence = "It is not safe for everyone and not for children.";
        assert_eq!(contexts(sentence, "safe for everyone"), [Negated]);
    }

    #[test]
    fn questions_reports_mentions_instructions() {
        assert_eq!(contexts("Is it proven?", "proven"), [Question]);
        let rhetorical = "Why risk surgery when our balm cures arthritis?";
        assert!(contexts(rhetorical, "cures").is_empty());
        let asked = "Why does pain get worse when it is cold?";
        assert_eq!(contexts(asked, "worse"), [Question]);
        assert_eq!(
            contexts("Claims that the tea cures cancer are false.", "cures"),
            [Negated, Reported]
        );
        assert_eq!(
            contexts("It is marketed as a miracle.", "miracle"),
            [Reported]
        );
        // Calling something a breakthrough is endorsing it; critics calling it one is not.
        let endorsed = "Beauty editors are calling it the biggest breakthrough of the decade.";
        assert!(contexts(endorsed, "breakthrough").is_empty());
        assert_eq!(
            contexts("Critics call it a miracle cure.", "miracle"),
            [Reported]
        );
        assert_eq!(
            contexts("Avoid words like “miracle”.", "miracle"),
            [Mention, Instruction]
        );
        assert_eq!(
            contexts("The word breakthrough is overused.", "breakthrough"),
            [Mention]
        );
        assert_eq!(contexts("Always read the label.", "Always"), [Instruction]);
        assert_eq!(
            contexts("Never stop your medication without advice.", "Never"),
            [Instruction]
        );
        assert_eq!(
            contexts("You should always talk to your doctor.", "always"),
            [Hedged, Instruction]
        );
    }

    #[test]
    fn an_imperative_instructs_only_its_own_clause() {
        let sentence = "Read Tom's story: the tonic gave him his mobility back.";
        assert!(contexts(sentence, "gave him").is_empty());
        assert_eq!(contexts(sentence, "story"), [Instruction]);
    }

    #[test]
    fn an_imperative_with_a_promised_consequence_is_a_promise() {
        let sentence = "Take one capsule a day and you'll never catch another cold.";
        assert!(contexts(sentence, "never catch another cold").is_empty());
        let sentence = "Take one capsule a day with food.";
        assert_eq!(contexts(sentence, "one capsule"), [Instruction]);
    }
}
