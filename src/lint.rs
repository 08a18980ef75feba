//! Linting one file: parse → sentences → rules → context → findings.

use std::ops::Range;
use std::path::PathBuf;

use crate::claims::{self, AgentClass, Lexicon, PageProduct};
use crate::config::Policy;
use crate::context::citations::{self, sources::SourceTiers, Support};
use crate::context::{self, ContextKind, Words};
use crate::diagnostic::{Category, Finding, Severity};
use crate::factcheck::{numbers, Facts};
use crate::parse::{
    parse_plain, Block, BlockTree, Document, Fields, MarkdownParser, References, Scope, SectionKind,
};
use crate::rules::checks::{Check, CheckHit, CheckInput, Cited, Claim};
use crate::rules::{Rule, RuleSet, ScopeTexts, ScopeVerdicts};
use crate::source::{self, ByteSize, FileKind, SourceFile};
use crate::{sentences, suppress};

/// The rules and everything built once for a run; shared by every thread.
pub struct Linter {
    rules: RuleSet,
    /// Every rule on at its default severity, for [`Session::lint`].
    everything: Policy,
    sources: SourceTiers,
    /// Reference data for the fact-checking rules.
    facts: Facts,
    /// The claim lexicon extended by `[lexicon]` in config (built once per run and kept for the
    /// life of the process), or `None` for the built-in one, fetched when first needed: a run
    /// whose files hold no sentence (an empty file) never waits for it to be built.
    lexicon: Option<&'static Lexicon>,
}

/// Builds what every run needs and nothing in it depends on (the claim lexicon, the source
/// tiers, the impossible-number and citation expressions most documents reach) on a second
/// core, while the caller reads its configuration and compiles the packs. A one-file run
/// otherwise waits for them in turn; whoever needs one first waits for it, so nothing is built
/// twice. When the run's `files` are known, only the expressions their text may need are
/// compiled: a short run's two cores are both busy, and the others were a twelfth of the
/// instructions of a run on one article (callgrind).
pub fn warm_up(files: Option<Vec<PathBuf>>) {
    if std::thread::available_parallelism().is_ok_and(|cores| cores.get() > 1) {
        // The source tiers first: the caller needs them as soon as its packs are compiled, the
        // lexicon only once a sentence is read.
        std::thread::spawn(move || {
            SourceTiers::builtin();
            Lexicon::builtin();
            let expressions = |text: Option<&str>| {
                numbers::warm_up(text);
                citations::warm_up(text);
            };
            match files {
                Some(files) => {
                    for path in files {
                        if let Ok(file) = source::read(&path, ByteSize::DEFAULT) {
                            expressions(Some(&file.text[file.bom_len()..]));
                        }
                    }
                }
                None => expressions(None),
            }
        });
    }
}

/// The block tree of a Markdown file, parsed before its rules are ready, for the session that
/// will lint it (see [`Session::use_block_tree`]); `None` for plain text, which has none.
pub fn parse_ahead(file: &SourceFile) -> Option<BlockTree> {
    let body = file.text.get(file.bom_len()..).unwrap_or("");
    match file.kind {
        FileKind::Markdown => MarkdownParser::new().parse_ahead(body),
        FileKind::Text => None,
    }
}

impl Linter {
    pub fn new(rules: RuleSet) -> Linter {
        Linter {
            everything: Policy::everything(&rules),
            rules,
            sources: SourceTiers::builtin().clone(),
            facts: Facts::default(),
            lexicon: None,
        }
    }

    /// The claim lexicon (see [`Linter::with_lexicon`]).
    fn lexicon(&self) -> &'static Lexicon {
        self.lexicon.unwrap_or_else(Lexicon::builtin)
    }

    /// Replaces the fact-checking data (newer retraction tables, online lookups from config).
    pub fn with_facts(self, facts: Facts) -> Linter {
        Linter { facts, ..self }
    }

    pub fn facts(&self) -> &Facts {
        &self.facts
    }

    /// Replaces the claim lexicon (the built-in one extended from config).
    pub fn with_lexicon(self, lexicon: Lexicon) -> Linter {
        Linter {
            lexicon: Some(Box::leak(Box::new(lexicon))),
            ..self
        }
    }

    /// Replaces the source tiers (the built-in ones extended from config).
    pub fn with_sources(self, sources: SourceTiers) -> Linter {
        Linter { sources, ..self }
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Per-thread state: the parsers are reused for every file a thread lints.
    pub fn session(&self) -> Session<'_> {
        Session {
            linter: self,
            markdown: MarkdownParser::new(),
            spare_core: false,
        }
    }
}

/// One thread's linting state.
pub struct Session<'a> {
    linter: &'a Linter,
    markdown: MarkdownParser,
    /// Whether a core is free for this session to lint half of each file's blocks on.
    spare_core: bool,
}

/// One file being linted: what every sentence and check of it shares.
struct FileLint<'a> {
    linter: &'a Linter,
    policy: &'a Policy,
    file: &'a SourceFile,
    /// Length of the byte-order mark: `body` offsets plus this are file offsets.
    bom: usize,
    /// The text after the byte-order mark, which the parsers and checks see.
    body: &'a str,
    /// Found by the parse.
    references: &'a References,
    /// Paragraph- and document-scope verdicts of rules, judged once.
    verdicts: ScopeVerdicts,
    /// What the page sells, which a claim's capitalised subject or unsaid agent may be.
    sold: Option<&'a PageProduct>,
    findings: Vec<Finding>,
}

impl Session<'_> {
    /// Lets this session lint each file on two threads, when fewer files than cores are linted
    /// (one file in a hook or an editor's save): the second half of a file's blocks, with the
    /// expressions it is the first to need, is linted on the free core.
    pub fn with_spare_core(self, spare_core: bool) -> Self {
        Session { spare_core, ..self }
    }

    /// Whether this session splits files over two threads (see [`Session::with_spare_core`]).
    pub fn spare_core(&self) -> bool {
        self.spare_core
    }

    /// All findings of every rule in one file, ordered by position.
    pub fn lint(&mut self, file: &SourceFile) -> Vec<Finding> {
        let linter = self.linter;
        self.lint_with(file, &linter.everything)
    }

    /// Lets the next file linted take its block tree from `tree` (see [`parse_ahead`]), if it
    /// is of that file's text.
    pub fn use_block_tree(&mut self, tree: BlockTree) {
        self.markdown.use_ahead(tree);
    }

    /// All findings in one file of the rules `policy` switches on, at its severities, with
    /// inline suppressions applied (suppressed findings are kept, marked), ordered by position.
    pub fn lint_with(&mut self, file: &SourceFile, policy: &Policy) -> Vec<Finding> {
        let rules = &self.linter.rules;
        let body = file.text.get(file.bom_len()..).unwrap_or("");
        let document = match file.kind {
            FileKind::Markdown => {
                let fields = Fields {
                    extra: policy.front_matter_fields(),
                };
                self.markdown.parse_with(body, rules, fields)
            }
            FileKind::Text => parse_plain(body, rules),
        };
        self.lint_document(file, policy, &document, None)
    }

    /// [`Session::lint_with`] for a document an editor keeps open and edits, already parsed
    /// (the server re-parses only the part an edit touched): blocks that `memo` remembers take
    /// their findings from it instead of running the rules again. Document-wide checks and
    /// suppressions always run.
    pub fn lint_parsed(
        &mut self,
        file: &SourceFile,
        policy: &Policy,
        document: &Document,
        memo: &mut dyn BlockMemo,
    ) -> Vec<Finding> {
        self.lint_document(file, policy, document, Some(memo))
    }

    fn lint_document(
        &mut self,
        file: &SourceFile,
        policy: &Policy,
        document: &Document,
        mut memo: Option<&mut dyn BlockMemo>,
    ) -> Vec<Finding> {
        let rules = &self.linter.rules;
        let bom = file.bom_len();
        let body = file.text.get(bom..).unwrap_or("");
        let title = document.title().map(|block| block.text.as_str());
        // A document with no title and no text names and sells nothing (see `PageProduct`),
        // which is known without the lexicon.
        let sold = (title.is_some() || !body.is_empty())
            .then(|| PageProduct::new(self.linter.lexicon(), title, body))
            .flatten();
        let file_lint = || FileLint {
            linter: self.linter,
            policy,
            file,
            bom,
            body,
            references: &document.references,
            verdicts: ScopeVerdicts::default(),
            sold: sold.as_ref(),
            findings: Vec::new(),
        };
        let mut lint = file_lint();
        if let Some(memo) = memo.as_deref_mut() {
            memo.start(body, document, rules.document_verdicts(body), sold.as_ref());
        }
        let blocks = &document.blocks;
        // Without a memo and with a free core, the second half of the blocks (by length) is
        // linted on it; findings are sorted below, so the result is the same either way.
        let split = match memo.is_none() && self.spare_core {
            true => half_by_length(blocks),
            false => blocks.len(),
        };
        std::thread::scope(|scope| {
            let second = (split < blocks.len()).then(|| {
                scope.spawn(|| {
                    let mut lint = file_lint();
                    for number in split..blocks.len() {
                        lint.block(blocks, number);
                    }
                    lint.findings
                })
            });
            for (number, block) in blocks[..split].iter().enumerate() {
                if let Some(memo) = memo.as_deref_mut() {
                    if memo.recall(number, block, bom, &mut lint.findings) {
                        continue;
                    }
                }
                let before = lint.findings.len();
                lint.block(blocks, number);
                if let Some(memo) = memo.as_deref_mut() {
                    memo.record(number, block, bom, &lint.findings[before..]);
                }
            }
            if let Some(second) = second {
                match second.join() {
                    Ok(findings) => lint.findings.extend(findings),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
        });
        let mut after_suppressions = Vec::new();
        let input = CheckInput::new(body, lint.references, &self.linter.facts);
        for (index, rule, check) in rules.checks() {
            let Some(level) = policy.level(index) else {
                continue;
            };
            match check {
                Check::Document(check) => {
                    for hit in check(&input) {
                        lint.check_hit(rule, level, hit, bom);
                    }
                }
                Check::Claim(_) | Check::Trigger(_) => {}
                Check::UnusedSuppression => after_suppressions.push((rule, level)),
            }
        }
        let mut findings = lint.findings;
        sort(&mut findings);
        one_finding_per_span(&mut findings, rules);
        let unused = if document.comments.is_empty() {
            Vec::new()
        } else {
            let comments: Vec<Range<usize>> = (document.comments.iter())
                .map(|c| c.start + bom..c.end + bom)
                .collect();
            suppress::apply(&file.text, &comments, file.lines(), rules, &mut findings)
        };
        if !unused.is_empty() {
            for (rule, level) in after_suppressions {
                for hit in &unused {
                    findings.push(hit_finding(rule, level, file, hit.clone(), 0));
                }
            }
            sort(&mut findings);
        }
        raise_piled_up_hype(&mut findings);
        findings
    }
}

/// How many different hype phrases make a document's tone promotional.
const PILED_UP_HYPE: usize = 3;

/// One "innovative" is a writer's word; "innovative", "state-of-the-art" and "new hope" in one
/// release are its tone. HealthNewsReview's reviewers judge "the cumulative effect of so much
/// positive, promotional language", so when a document uses [`PILED_UP_HYPE`] different hype
/// phrases, its hype infos are warnings. A phrase its writer suppressed does not count.
fn raise_piled_up_hype(findings: &mut [Finding]) {
    let mut phrases: Vec<String> = (findings.iter())
        .filter(|f| f.category == Category::Hype && !f.is_suppressed())
        .map(|f| f.text.to_lowercase())
        .collect();
    phrases.sort_unstable();
    phrases.dedup();
    if phrases.len() < PILED_UP_HYPE {
        return;
    }
    for finding in findings {
        if finding.category == Category::Hype && finding.severity == Severity::Info {
            finding.severity = Severity::Warning;
        }
    }
}

/// Remembers the findings of each block's sentences between two lints of one document, so that
/// after an edit only the blocks that changed run the rules (the language server's cache; see
/// `crate::server::memo`). Spans given and taken are file offsets; `bom` is the byte-order
/// mark's length, which block offsets leave out.
pub trait BlockMemo {
    /// Called once per lint, before any block, with the text after the byte-order mark, its
    /// parse (the blocks to lint and the reference apparatus citations are resolved against)
    /// and `verdicts`: what the rules whose `requires`/`unless` read the whole document decide
    /// about it ([`RuleSet::document_verdicts`]), on which any block's findings may depend.
    /// `sold` is what the page sells ([`PageProduct`]), which claims without a named agent
    /// stand for.
    fn start(&mut self, body: &str, document: &Document, verdicts: u64, sold: Option<&PageProduct>);
    /// Appends the findings remembered for block number `number` to `out`; false when there
    /// are none on record and its sentences must be linted.
    fn recall(&mut self, number: usize, block: &Block, bom: usize, out: &mut Vec<Finding>) -> bool;
    /// Records the findings of block number `number`'s sentences, just linted.
    fn record(&mut self, number: usize, block: &Block, bom: usize, findings: &[Finding]);
}

/// Two rules on the same words (their spans start at the same word, or one rule twice on
/// overlapping words) give one finding: the more severe, then the one naming the sharper problem (an absolute before hype, hype before an evidence or sourcing question: "cures"
/// is first a cure claim), then the rule loaded later (a user's pack is more specific to the text
/// than a built-in one), then the longer span (a range "35–55%" whole).
fn one_finding_per_span(findings: &mut Vec<Finding>, rules: &RuleSet) {
    let sharpness = |c: Category| match c {
        Category::Absolute => 5,
        Category::Hype => 4,
        Category::Regulatory => 3,
        Category::Evidence => 2,
        Category::Citation => 1,
        Category::Structure => 0,
    };
    let rank = |f: &Finding| {
        let index = rules.rules().iter().position(|r| r.id == f.rule);
        (f.severity, sharpness(f.category), index, f.span.len())
    };
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    for finding in findings.drain(..) {
        match kept.last_mut() {
            Some(last)
                if finding.span.start == last.span.start
                    || (finding.rule == last.rule && finding.span.start < last.span.end) =>
            {
                if rank(&finding) > rank(last) {
                    *last = finding;
                }
            }
            _ => kept.push(finding),
        }
    }
    *findings = kept;
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| (a.span.start, &a.rule).cmp(&(b.span.start, &b.rule)));
}

/// How many sentences back a pronoun's treatment may have been named: the one before ("Its
/// active compound, curcumin, blocks … Taken every day, it rebuilds worn cartilage"). Further
/// back, "it" as often stands for a gene or a condition the text moved on to.
const ANTECEDENT_REACH: usize = 1;

/// The sentences before sentence `index` of `block`, nearest first, as far as
/// [`ANTECEDENT_REACH`], continuing into the block before (often a heading or a one-sentence
/// paragraph of the same page). The editor's block cache keys a block on the one before it for
/// this reason (`crate::server::memo`).
fn earlier_sentences<'a>(
    block: &'a Block,
    sentences: &'a [Range<usize>],
    index: usize,
    previous: Option<&'a Block>,
) -> impl Iterator<Item = &'a str> {
    let here = (sentences[..index].iter().rev()).filter_map(|r| block.text.get(r.clone()));
    let before = previous.into_iter().flat_map(|p| {
        let text = p.text.as_str();
        let split = sentences::split(text);
        split.into_iter().rev().filter_map(move |r| text.get(r))
    });
    here.chain(before).take(ANTECEDENT_REACH)
}

/// The blocks around one that its claims may read: the block before it, where a claim's "it"
/// or "they" may have been named, and, for a list item, the lead-in its list completes.
pub struct Around<'a> {
    pub previous: Option<&'a Block>,
    pub lead_in: Option<&'a Block>,
}

/// How many items back a list item still looks for its lead-in: enough for any list a reader
/// takes in as one, and a bound, so that a list of thousands of items costs linear time.
const LIST_REACH: usize = 64;

/// The paragraph or heading ending in a colon that the list holding item `number` completes:
/// "Regular adjustments can help with:" over "- Asthma and allergies".
pub fn lead_in(blocks: &[Block], number: usize) -> Option<&Block> {
    if blocks[number].scope != Scope::ListItem {
        return None;
    }
    let first = (number.saturating_sub(LIST_REACH)..=number)
        .rev()
        .take_while(|&k| blocks[k].scope == Scope::ListItem)
        .last()?;
    let lead = blocks.get(first.checked_sub(1)?)?;
    (matches!(lead.scope, Scope::Paragraph | Scope::Heading) && lead.text.trim_end().ends_with(':'))
        .then_some(lead)
}

/// The last sentence of a lead-in, unless it is hedged, negated or asked ("Acupuncture may
/// help with:"), which its items then are too.
fn unhedged_lead_in(block: &Block) -> Option<&str> {
    let last = sentences::split(&block.text).pop()?;
    let sentence = block.text.get(last)?.trim_end();
    let words = Words::new(sentence);
    let end = words.len().checked_sub(1)?;
    context::assess(sentence, &words, words.range(end))
        .is_empty()
        .then_some(sentence)
}

/// The index that splits `blocks` into two runs of about equal text.
fn half_by_length(blocks: &[Block]) -> usize {
    let total: usize = blocks.iter().map(|b| b.text.len()).sum();
    let mut seen = 0;
    (blocks.iter())
        .position(|b| {
            seen += b.text.len();
            seen * 2 >= total
        })
        .map_or(blocks.len(), |i| i + 1)
}

impl FileLint<'_> {
    fn references(&self) -> &References {
        self.references
    }

    /// Every sentence of block number `number`.
    fn block(&mut self, blocks: &[Block], number: usize) {
        let block = &blocks[number];
        let sentences = sentences::split(&block.text);
        let around = Around {
            previous: number.checked_sub(1).map(|p| &blocks[p]),
            lead_in: lead_in(blocks, number),
        };
        for index in 0..sentences.len() {
            self.sentence(block, &sentences, index, &around);
        }
    }

    /// Runs every candidate rule the policy switches on over sentence `index` of `block`.
    fn sentence(
        &mut self,
        block: &Block,
        sentences: &[Range<usize>],
        index: usize,
        around: &Around<'_>,
    ) {
        let previous = around.previous;
        let linter = self.linter;
        let range = sentences[index].clone();
        let Some(sentence) = block.text.get(range.clone()) else {
            return;
        };
        let mut words: Option<Words> = None;
        // Citations attached to this sentence, looked up once, for the first claim needing them.
        let mut cited: Option<Vec<Support>> = None;
        let texts = ScopeTexts {
            sentence,
            paragraph: &block.text,
            document: self.body,
            verdicts: &self.verdicts,
        };
        let mut triggered: Vec<(&Rule, Severity, Vec<Range<usize>>)> = Vec::new();
        for candidate in linter.rules.candidates(sentence) {
            if let Some(level) = self.policy.level(candidate.index) {
                let found = candidate.rule.triggers(&texts, &candidate.matchers);
                triggered.push((candidate.rule, level, found));
            }
        }
        let lexicon = linter.lexicon();
        // The treatment a pronoun in this sentence stands for, read once for whoever asks.
        let title = self.sold;
        let named_before = || {
            let earlier = earlier_sentences(block, sentences, index, previous);
            claims::antecedent(lexicon, title, earlier)
        };
        let mut antecedent = None;
        // A list item's first sentence may name only what its lead-in acts on.
        let lead_in = around
            .lead_in
            .filter(|_| index == 0)
            .and_then(unhedged_lead_in);
        if linter.rules.claim_rules().next().is_some()
            && (lead_in.is_some() || lexicon.may_have_claim(sentence))
        {
            let words = words.get_or_insert_with(|| Words::new(sentence));
            let mut claims = claims::extract(lexicon, sentence, words);
            if let (true, Some(lead_in)) = (claims.is_empty(), lead_in) {
                claims = claims::listed(lexicon, lead_in, words);
            }
            if claims.iter().any(|c| c.refers_back) {
                let found = antecedent.get_or_insert_with(named_before);
                if let Some(agent) = *found {
                    for claim in claims.iter_mut().filter(|c| c.refers_back) {
                        claim.agent = agent;
                    }
                }
            }
            if let Some(title) = title {
                for claim in &mut claims {
                    let named = (claim.name.clone()).and_then(|name| sentence.get(name));
                    if let Some(class) = named.and_then(|name| title.class_of(name)) {
                        claim.agent = class;
                    }
                    // Under "Signs of low testosterone", "Reduced libido" is a symptom.
                    let symptoms = block.section == SectionKind::Symptoms;
                    if claim.seller_only && claim.agent == AgentClass::Unknown && !symptoms {
                        claim.agent = title.class;
                    }
                }
            }
            claims.retain(|c| !c.seller_only || c.agent != AgentClass::Unknown);
            if !claims.is_empty() {
                for (index, rule) in linter.rules.claim_rules() {
                    if let Some(level) = self.policy.level(index) {
                        let found = rule.claim_triggers(&texts, &claims, block.scope.is_headline());
                        triggered.push((rule, level, found));
                    }
                }
            }
        }
        // The agent the whole sentence speaks of, read once for the rules that ask.
        let mut agent = None;
        for (rule, mut level, found) in triggered {
            let spec = &rule.spec;
            if !found.is_empty()
                && (!spec.raise_for_agents.is_empty() || !spec.requires_agents.is_empty())
            {
                let words = words.get_or_insert_with(|| Words::new(sentence));
                let agent = *agent.get_or_insert_with(|| {
                    // "They work faster than medicines", "Better than antibiotics": the subject
                    // is the treatment named the sentence before, not the medicine it is
                    // compared with; in "Unlike antacids, GutGenius …" it follows the comparison.
                    // A comparison with no subject on a page that sells speaks of what it sells.
                    let from = claims::subject_start(sentence, words);
                    let named = match (claims::opens_with_pronoun(words), from == words.len()) {
                        (_, true) if title.is_some() => title.map(|t| t.class),
                        (true, _) | (_, true) => *antecedent.get_or_insert_with(named_before),
                        _ => None,
                    };
                    named.unwrap_or_else(|| claims::agent_from(lexicon, words, from))
                });
                // A rule that requires an agent reads a subject the page's title names
                // ("SlimFire works just like Ozempic" under "# SlimFire Detox Tea"), else
                // product copy's unsaid subject as what was named before, or the page's
                // product ("Works faster than painkillers"); on a page that sells, a subject
                // that names no treatment is the seller speaking of what it sells ("Dr. Lee
                // has freed hundreds from back pain without drugs or surgery"). Raising a
                // finding's severity takes an agent the sentence names.
                let sold_here = title.filter(|p| p.sells).map(|p| p.class);
                let required = match agent {
                    AgentClass::Unknown if !spec.requires_agents.is_empty() => {
                        claims::subject_agent(lexicon, title, sentence, words)
                            .or_else(|| *antecedent.get_or_insert_with(named_before))
                            .or(sold_here)
                            .unwrap_or(agent)
                    }
                    _ => agent,
                };
                if !spec.requires_agents.is_empty() && !spec.requires_agents.contains(&required) {
                    continue;
                }
                // On a page that sells, a figure with no named subject ("62% less wrinkle
                // depth", "98% of our clients feel more energised") is said of what it sells.
                let raising = match agent {
                    AgentClass::Unknown if sold_here.is_some() => sold_here,
                    _ => Some(agent),
                };
                if raising.is_some_and(|a| spec.raise_for_agents.contains(&a)) {
                    level = level.raised();
                }
            }
            for trigger in found {
                if self.policy.allows(sentence, &trigger) {
                    continue;
                }
                let words = words.get_or_insert_with(|| Words::new(sentence));
                let mut contexts = context::assess(sentence, words, trigger.clone());
                if mentioned_in_section(block, rule) {
                    contexts.push(ContextKind::Mention);
                }
                // A page that sells promises in the imperative ("Start healing your gut
                // today", "Say goodbye to painkillers"): a call to buy, not an instruction.
                if self.sold.is_some() && (rule.is_claim_rule() || rule.requires_agents()) {
                    contexts.retain(|&k| k != ContextKind::Instruction);
                }
                if contexts.iter().any(|&k| rule.silenced_by(k)) {
                    continue;
                }
                let mut message = None;
                if let Some(Check::Trigger(check)) = rule.check() {
                    let supports = cited.get_or_insert_with(|| {
                        citations::attached(self.body, self.references(), block, sentences, index)
                    });
                    let input = Cited {
                        trigger: &sentence[trigger.clone()],
                        supports,
                        text: self.body,
                        references: self.references(),
                    };
                    match check(&input) {
                        Some(m) => message = Some(m),
                        None => continue,
                    }
                } else if rule.silenced_by(ContextKind::Cited) {
                    let supports = cited.get_or_insert_with(|| {
                        citations::attached(self.body, self.references(), block, sentences, index)
                    });
                    if !supports.is_empty() {
                        self.judge_citations(supports);
                        continue;
                    }
                }
                let in_block = range.start + trigger.start..range.start + trigger.end;
                let source = block.offsets.range_to_source(in_block);
                let span = source.start + self.bom..source.end + self.bom;
                let mut found = finding(rule, level, self.file, Some(block), span);
                let sentence = block.offsets.range_to_source(range.clone());
                found.sentence = Some(sentence.start + self.bom..sentence.end + self.bom);
                if let Some(message) = message {
                    found.message = message;
                }
                self.findings.push(found);
            }
        }
    }

    /// Runs the claim checks the policy switches on over the citations that silenced a claim.
    fn judge_citations(&mut self, supports: &[Support]) {
        let linter = self.linter;
        let claim = Claim {
            supports,
            sources: &linter.sources,
        };
        for (index, rule, check) in linter.rules.checks() {
            let (Check::Claim(check), Some(level)) = (check, self.policy.level(index)) else {
                continue;
            };
            for hit in check(&claim) {
                self.check_hit(rule, level, hit, self.bom);
            }
        }
    }

    /// A finding from a check's hit whose span is offset by `offset` from file offsets.
    fn check_hit(&mut self, rule: &Rule, level: Severity, hit: CheckHit, offset: usize) {
        self.findings
            .push(hit_finding(rule, level, self.file, hit, offset));
    }
}

/// Under a warning or myth-busting heading, hype and absolutes are listed to be recognised, not
/// claimed; in an organisation's boilerplate, its hype is self-praise, not a health claim (see
/// [`crate::parse::SectionKind`]).
fn mentioned_in_section(block: &Block, rule: &Rule) -> bool {
    match block.section {
        SectionKind::Warning => matches!(
            rule.category(),
            Category::Hype | Category::Absolute | Category::Regulatory
        ),
        // An organisation's praise of itself makes no claim about the release's health news;
        // absolute and efficacy claims there are still claims.
        SectionKind::Boilerplate => rule.category() == Category::Hype,
        SectionKind::Normal | SectionKind::Symptoms => false,
    }
}

/// A finding of a check-backed rule, with the hit's own message when it has one.
fn hit_finding(
    rule: &Rule,
    level: Severity,
    file: &SourceFile,
    hit: CheckHit,
    offset: usize,
) -> Finding {
    let span = hit.span.start + offset..hit.span.end + offset;
    let mut found = finding(rule, level, file, None, span);
    if let Some(message) = hit.message {
        found.message = message;
    }
    found
}

/// A finding of `rule` at `span` with severity `level` (the rule's default or the configured
/// one); `block` is where a sentence rule matched (headlines raise severity), `None` for checks.
fn finding(
    rule: &Rule,
    level: Severity,
    file: &SourceFile,
    block: Option<&Block>,
    span: Range<usize>,
) -> Finding {
    let text = file.text.get(span.clone()).unwrap_or("").to_string();
    // A headline asserts what the text below it only reports, so a warning there is an error;
    // an info stays info, since a heading often only names a topic ("Superfoods").
    let severity = if block.is_some_and(|b| b.scope.is_headline()) && level == Severity::Warning {
        level.raised()
    } else {
        level
    };
    Finding {
        rule: rule.id.clone(),
        category: rule.category(),
        severity,
        message: rule.message_for(&text),
        help: rule.spec.help.clone(),
        span,
        text,
        suggestions: rule.spec.suggestions.clone(),
        sentence: None,
        suppression: None,
    }
}
