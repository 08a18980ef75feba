//! Compiled phrases as bytes. The build script compiles every phrase list of the built-in
//! packs and writes each out this way (see `build/phrases.rs`); a run reads one back when its
//! rule first wakes instead of parsing, inflecting and indexing its patterns again, which was
//! a tenth of the instructions of a run on a 10 KB article (callgrind).
//!
//! The bytes are the [`Node`] tree as it is after indexing, choice tables included, so what is
//! read back is equal to what [`Phrase::new`] built; numbers are LEB128.

use super::{Choice, Class, Lead, Node, Phrase};

impl Phrase {
    /// The phrase as bytes that [`Phrase::decode`] reads back.
    // The build script writes the phrases; a run only reads them.
    #[allow(dead_code)]
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![u8::from(self.unicode)];
        node(&mut out, &self.root);
        out
    }

    /// The phrase that [`Phrase::encode`] wrote as `bytes`.
    pub fn decode(bytes: &[u8]) -> Phrase {
        let mut reader = Reader { bytes, at: 0 };
        let unicode = reader.byte() != 0;
        let root = reader.node();
        Phrase::from_root(root, unicode)
    }
}

const LITERAL: u8 = 0;
const BOUNDARY: u8 = 1;
const ONE: u8 = 2;
const RUN: u8 = 3;
const NUMBER: u8 = 4;
const CONCAT: u8 = 5;
const ALT: u8 = 6;
const CHOICE: u8 = 7;
const UP_TO: u8 = 8;

fn number(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn text(out: &mut Vec<u8>, text: &str) {
    number(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

fn class(class: Class) -> u8 {
    match class {
        Class::Space => 0,
        Class::NonSpace => 1,
    }
}

fn nodes(out: &mut Vec<u8>, list: &[Node]) {
    number(out, list.len());
    list.iter().for_each(|n| node(out, n));
}

fn numbers(out: &mut Vec<u8>, list: impl ExactSizeIterator<Item = usize>) {
    number(out, list.len());
    list.for_each(|n| number(out, n));
}

fn node(out: &mut Vec<u8>, written: &Node) {
    match written {
        Node::Literal(literal) => {
            out.push(LITERAL);
            text(out, literal);
        }
        Node::Boundary => out.push(BOUNDARY),
        Node::One(c) => out.extend([ONE, class(*c)]),
        Node::Run(c) => out.extend([RUN, class(*c)]),
        Node::Number => out.push(NUMBER),
        Node::Concat(list) => {
            out.push(CONCAT);
            nodes(out, list);
        }
        Node::Alt(list) => {
            out.push(ALT);
            nodes(out, list);
        }
        Node::Choice(choice) => {
            out.push(CHOICE);
            nodes(out, &choice.options);
            numbers(out, choice.order.iter().map(|&i| usize::from(i)));
            choice.starts.iter().for_each(|&s| number(out, s as usize));
            numbers(out, choice.at_end.iter().map(|&i| usize::from(i)));
            for lead in &choice.leads {
                match lead {
                    None => out.push(0),
                    Some(lead) => {
                        out.push(1);
                        text(out, &lead.text);
                        out.extend([lead.boundary_before, lead.boundary_after].map(u8::from));
                    }
                }
            }
        }
        Node::UpTo { node: inner, max } => {
            out.push(UP_TO);
            number(out, *max);
            node(out, inner);
        }
    }
}

/// A position in bytes written by [`Phrase::encode`], which are well formed: they were written
/// by the build script with the code above.
struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        self.at += 1;
        self.bytes[self.at - 1]
    }

    fn number(&mut self) -> usize {
        let mut n = 0;
        let mut shift = 0;
        loop {
            let b = self.byte();
            n |= usize::from(b & 0x7F) << shift;
            if b < 0x80 {
                return n;
            }
            shift += 7;
        }
    }

    fn text(&mut self) -> Box<str> {
        let len = self.number();
        self.at += len;
        let bytes = &self.bytes[self.at - len..self.at];
        std::str::from_utf8(bytes)
            .expect("written from a str")
            .into()
    }

    fn class(&mut self) -> Class {
        match self.byte() {
            0 => Class::Space,
            _ => Class::NonSpace,
        }
    }

    fn nodes(&mut self) -> Vec<Node> {
        let len = self.number();
        (0..len).map(|_| self.node()).collect()
    }

    fn indices(&mut self) -> Vec<u16> {
        let len = self.number();
        (0..len).map(|_| self.number() as u16).collect()
    }

    fn node(&mut self) -> Node {
        match self.byte() {
            LITERAL => Node::Literal(self.text()),
            BOUNDARY => Node::Boundary,
            ONE => Node::One(self.class()),
            RUN => Node::Run(self.class()),
            NUMBER => Node::Number,
            CONCAT => Node::Concat(self.nodes()),
            ALT => Node::Alt(self.nodes()),
            CHOICE => {
                let options = self.nodes();
                let order = self.indices();
                let mut starts = Box::new([0u32; 257]);
                starts.iter_mut().for_each(|s| *s = self.number() as u32);
                let at_end = self.indices();
                let leads = (0..options.len()).map(|_| self.lead()).collect();
                Node::Choice(Choice {
                    options,
                    order,
                    starts,
                    at_end,
                    leads,
                })
            }
            UP_TO => {
                let max = self.number();
                Node::UpTo {
                    max,
                    node: Box::new(self.node()),
                }
            }
            tag => unreachable!("no node is written with tag {tag}"),
        }
    }

    fn lead(&mut self) -> Option<Lead> {
        (self.byte() != 0).then(|| Lead {
            text: self.text(),
            boundary_before: self.byte() != 0,
            boundary_after: self.byte() != 0,
        })
    }
}
