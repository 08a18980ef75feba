//! The Aho-Corasick DFAs computed here rather than on every run: one finds the built-in packs'
//! anchor words (see `anchors`), two the built-in lexicon's phrases (see `lexicon`). Building
//! such an automaton at run time cost more than all the searches of a run on one article.

/// The most states the automaton's 15-bit state numbers allow.
const MAX_STATES: usize = 1 << 15;

/// Writes, as `{name}_automaton.rs` and `{name}_transitions.bin`, the Aho-Corasick DFA over
/// `words` that `src/rules/word_dfa.rs` searches with (see there for the layout): state 0 is
/// the root, every transition is filled in (failure links resolved), and a transition's top bit
/// says the state it leads to ends a word. More words than 15-bit state numbers allow leave the
/// automaton empty, and the run builds one instead.
pub fn write(out: &str, name: &str, words: &[&str]) {
    let mut classes = [0u8; 256];
    let mut stride = 1;
    for byte in words.iter().flat_map(|w| w.bytes()) {
        if classes[usize::from(byte)] == 0 {
            classes[usize::from(byte)] = u8::try_from(stride).expect("ASCII words");
            stride += 1;
        }
    }
    // The trie: children by class (0 = none), the words ending at each state.
    let mut children: Vec<Vec<usize>> = vec![vec![0; stride]];
    let mut ends: Vec<Vec<usize>> = vec![Vec::new()];
    for (number, word) in words.iter().enumerate() {
        let mut state = 0;
        for byte in word.bytes() {
            let class = usize::from(classes[usize::from(byte)]);
            if children[state][class] == 0 {
                children.push(vec![0; stride]);
                ends.push(Vec::new());
                children[state][class] = children.len() - 1;
            }
            state = children[state][class];
        }
        ends[state].push(number);
    }
    let states = children.len();
    // Breadth first, each state's missing transitions are its failure state's, and its words
    // include its failure state's (the words it ends with).
    let mut delta = children.clone();
    let mut fail = vec![0; states];
    let mut queue: std::collections::VecDeque<usize> =
        children[0].iter().copied().filter(|&c| c != 0).collect();
    while let Some(state) = queue.pop_front() {
        let inherited = ends[fail[state]].clone();
        ends[state].extend(inherited);
        for class in 0..stride {
            let child = children[state][class];
            if child != 0 {
                fail[child] = delta[fail[state]][class];
                queue.push_back(child);
            } else {
                delta[state][class] = delta[fail[state]][class];
            }
        }
    }
    let mut transitions: Vec<u8> = Vec::new();
    let mut starts: Vec<usize> = vec![0];
    let mut outputs: Vec<usize> = Vec::new();
    if states <= MAX_STATES {
        for row in &delta {
            for &next in row {
                let flag = if ends[next].is_empty() { 0 } else { 0x8000 };
                let entry = u16::try_from(next | flag).expect("15-bit state numbers");
                transitions.extend(entry.to_le_bytes());
            }
        }
        for words in &ends {
            outputs.extend(words);
            starts.push(outputs.len());
        }
    }
    crate::write(out, &format!("{name}_transitions.bin"), transitions);
    crate::write(
        out,
        &format!("{name}_automaton.rs"),
        format!(
            "WordDfa {{\n    classes: &{classes:?},\n    stride: {stride},\n    \
             transitions: include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}_transitions.bin\")),\n    \
             starts: &{starts:?},\n    outputs: &{outputs:?},\n}}"
        ),
    );
}
