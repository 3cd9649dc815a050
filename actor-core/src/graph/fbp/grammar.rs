//! The `.fbp` grammar, rule by rule as in the reference parser's
//! `grammar/fbp.peg` (npm `fbp` 1.8.0): a parsing expression grammar
//! (Ford, "Parsing Expression Grammars", POPL 2004) with ordered choice and
//! backtracking. Every rule tries the same terminals in the same order as
//! the PEG.js-generated reference, so the farthest failure, and therefore
//! the error message, is the same.

use super::builder::{Builder, Comp, Item, PortName};
use super::cursor::Cursor;

/// The parser: the cursor plus what the grammar's actions build.
#[derive(Debug)]
pub(super) struct Parser<'a> {
    pub(super) c: Cursor<'a>,
    pub(super) b: Builder,
    /// The first array index too large for a `usize`: (position, digits).
    pub(super) bad_index: Option<(usize, String)>,
    /// Current nesting of `connection` and JSON values.
    pub(super) depth: usize,
    /// Where the nesting first went past [`MAX_DEPTH`]; the parse stops there.
    pub(super) too_deep: Option<usize>,
}

/// The deepest nesting of chained connections (`a -> b -> ...` on one line)
/// plus JSON arrays and objects that the parser follows, so that hostile
/// input gives an error instead of overflowing the stack.
pub(super) const MAX_DEPTH: usize = 256;

const NEWLINE: &str = r"[\n\r\u2028\u2029]";

fn is_newline(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

impl Parser<'_> {
    /// Runs `f`; when it fails, puts the cursor back where it was.
    fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let start = self.c.pos;
        let out = f(self);
        if out.is_none() {
            self.c.pos = start;
        }
        out
    }

    fn lit(&mut self, s: &'static str) -> Option<()> {
        self.c.lit(s).then_some(())
    }

    /// `start = line*` (the caller runs the final checks and the end-of-input test).
    pub(super) fn lines(&mut self) {
        while self.too_deep.is_none() && self.line().is_some() {}
    }

    /// Enters one level of nesting; `None` (and the parse stops) past [`MAX_DEPTH`].
    pub(super) fn enter(&mut self) -> Option<()> {
        if self.too_deep.is_some() || self.depth >= MAX_DEPTH {
            self.too_deep.get_or_insert(self.c.pos);
            return None;
        }
        self.depth += 1;
        Some(())
    }

    pub(super) fn leave(&mut self) {
        self.depth -= 1;
    }

    /// `_ = " "*`
    fn sp(&mut self) {
        while self.c.lit(" ") {}
    }

    /// `__ = " "+`
    fn sp1(&mut self) -> Option<()> {
        self.lit(" ")?;
        self.sp();
        Some(())
    }

    fn line(&mut self) -> Option<()> {
        let exported = |p: &mut Self, keyword: &'static str| {
            p.attempt(|p| {
                p.sp();
                p.lit(keyword)?;
                let (process, pos) = p.node()?;
                p.lit(".")?;
                let (port, _) = p.port_name()?;
                p.lit(":")?;
                let (public, _) = p.port_name()?;
                p.sp();
                p.line_terminator();
                Some((process, port, public, pos))
            })
        };
        if let Some((process, port, public, pos)) = exported(self, "INPORT=") {
            self.b.export_inport(process, port, public, pos);
            return Some(());
        }
        if let Some((process, port, public, pos)) = exported(self, "OUTPORT=") {
            self.b.export_outport(process, port, public, pos);
            return Some(());
        }
        let default = |p: &mut Self, keyword: &'static str| {
            p.attempt(|p| {
                p.sp();
                p.lit(keyword)?;
                let (name, _) = p.port_name()?;
                p.sp();
                p.line_terminator();
                Some(name)
            })
        };
        if let Some(name) = default(self, "DEFAULT_INPORT=") {
            self.b.set_default_inport(name);
            return Some(());
        }
        if let Some(name) = default(self, "DEFAULT_OUTPORT=") {
            self.b.set_default_outport(name);
            return Some(());
        }
        if let Some((key, value)) = self.attempt(|p| {
            let kv = p.annotation()?;
            p.newline()?;
            Some(kv)
        }) {
            self.b.annotate(key, value);
            return Some(());
        }
        if self
            .attempt(|p| {
                p.comment()?;
                p.newline();
                Some(())
            })
            .is_some()
        {
            return Some(());
        }
        if self
            .attempt(|p| {
                p.sp();
                p.newline()
            })
            .is_some()
        {
            return Some(());
        }
        let (items, is_array) = self.attempt(|p| {
            p.sp();
            let edges = p.connection()?;
            p.sp();
            p.line_terminator();
            Some(edges)
        })?;
        // The reference registers a line's edges only when the rule produced an array.
        if is_array {
            self.b.register_edges(items);
        }
        Some(())
    }

    /// `LineTerminator = _ ","? comment? newline?`
    fn line_terminator(&mut self) {
        self.sp();
        self.c.lit(",");
        self.comment();
        self.newline();
    }

    fn newline(&mut self) -> Option<()> {
        self.c.class(NEWLINE, is_newline).map(|_| ())
    }

    /// `comment = _ "#" anychar*`
    fn comment(&mut self) -> Option<()> {
        self.attempt(|p| {
            p.sp();
            p.lit("#")?;
            p.c.class_skip(r"[^\n\r\u2028\u2029]", |c| !is_newline(c));
            Some(())
        })
    }

    /// `connection = source _ "->" _ connection / destination`; the items
    /// flattened, and whether the rule's value was an array.
    fn connection(&mut self) -> Option<(Vec<Item>, bool)> {
        self.enter()?;
        let out = self.connection_inner();
        self.leave();
        out
    }

    fn connection_inner(&mut self) -> Option<(Vec<Item>, bool)> {
        if let Some(items) = self.attempt(|p| {
            let mut x = p.source()?;
            p.sp();
            p.lit("->")?;
            p.sp();
            let (y, _) = p.connection()?;
            x.extend(y);
            Some(x)
        }) {
            return Some((items, true));
        }
        self.destination()
    }

    fn source(&mut self) -> Option<Vec<Item>> {
        if let Some(items) = self.bridge() {
            return Some(items);
        }
        if let Some(item) = self.outport() {
            return Some(vec![item]);
        }
        self.iip().map(|i| vec![i])
    }

    fn destination(&mut self) -> Option<(Vec<Item>, bool)> {
        if let Some(item) = self.inport() {
            return Some((vec![item], false));
        }
        self.bridge().map(|items| (items, true))
    }

    /// `bridge = port__ node __port / port__? nodeWithComponent __port?`
    fn bridge(&mut self) -> Option<Vec<Item>> {
        if let Some(items) = self.attempt(|p| {
            let x = p.port_sp()?;
            let proc = p.node()?;
            let y = p.sp_port()?;
            Some(vec![p.b.tgt(proc.clone(), Some(x)), p.b.src(proc, Some(y))])
        }) {
            return Some(items);
        }
        self.attempt(|p| {
            let x = p.port_sp();
            let proc = p.node_with_component()?;
            let y = p.sp_port();
            Some(vec![p.b.tgt(proc.clone(), x), p.b.src(proc, y)])
        })
    }

    /// `outport = node __port?`
    fn outport(&mut self) -> Option<Item> {
        self.attempt(|p| {
            let proc = p.node()?;
            let port = p.sp_port();
            Some(p.b.src(proc, port))
        })
    }

    /// `inport = port__? node`
    fn inport(&mut self) -> Option<Item> {
        self.attempt(|p| {
            let port = p.port_sp();
            let proc = p.node()?;
            Some(p.b.tgt(proc, port))
        })
    }

    /// `iip = "'" iipchar* "'" / JSON_text`
    fn iip(&mut self) -> Option<Item> {
        let start = self.c.pos;
        if let Some(s) = self.attempt(|p| {
            p.lit("'")?;
            let mut s = String::new();
            while let Some(c) = p.iip_char() {
                s.push(c);
            }
            p.lit("'")?;
            Some(s)
        }) {
            return Some(Item::Data(s.into(), start));
        }
        let start = self.c.pos;
        self.json_text().map(|v| Item::Data(v, start))
    }

    /// `iipchar = [\\]['] / [^']`
    fn iip_char(&mut self) -> Option<char> {
        if self
            .attempt(|p| {
                p.c.class(r"[\\]", |c| c == '\\')?;
                p.c.class("[']", |c| c == '\'')
            })
            .is_some()
        {
            return Some('\'');
        }
        self.c.class("[^']", |c| c != '\'')
    }

    /// `node = nodeNameAndComponent / nodeName / nodeComponent`: the name
    /// and where it was written.
    fn node(&mut self) -> Option<(String, usize)> {
        if let Some(n) = self.node_name_and_component() {
            return Some(n);
        }
        if let Some(n) = self.node_name() {
            return Some(n);
        }
        self.node_component()
    }

    /// `nodeName = [a-zA-Z_][a-zA-Z0-9_\-]*`
    fn node_name(&mut self) -> Option<(String, usize)> {
        let start = self.c.pos;
        self.attempt(|p| {
            let first = p.c.class("[a-zA-Z_]", |c| c.is_ascii_alphabetic() || c == '_')?;
            let rest = p.c.class_star(r"[a-zA-Z0-9_\-]", |c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            Some((format!("{first}{rest}"), start))
        })
    }

    fn node_name_and_component(&mut self) -> Option<(String, usize)> {
        self.attempt(|p| {
            let (name, pos) = p.node_name()?;
            let comp = p.component()?;
            p.b.add_node(&name, &comp, pos);
            Some((name, pos))
        })
    }

    fn node_component(&mut self) -> Option<(String, usize)> {
        let start = self.c.pos;
        let comp = self.component()?;
        Some((self.b.add_anonymous(&comp, start), start))
    }

    fn node_with_component(&mut self) -> Option<(String, usize)> {
        if let Some(n) = self.node_name_and_component() {
            return Some(n);
        }
        self.node_component()
    }

    /// `component = "(" [a-zA-Z/\-0-9_]* compMeta? ")"`
    fn component(&mut self) -> Option<Comp> {
        self.attempt(|p| {
            p.lit("(")?;
            let name =
                p.c.class_star(r"[a-zA-Z/\-0-9_]", |c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'));
            let meta = p.attempt(|p| {
                p.lit(":")?;
                p.c.class_plus("[a-zA-Z/=_,0-9]", |c| c.is_ascii_alphanumeric() || matches!(c, '/' | '=' | '_' | ','))
            });
            p.lit(")")?;
            Some(Comp { name, meta: meta.map(|m| m.split(',').map(str::to_string).collect()) })
        })
    }

    /// `annotation = "#" __ "@" [a-zA-Z0-9\-_]+ __ [a-zA-Z0-9\-_ \.]+`
    fn annotation(&mut self) -> Option<(String, String)> {
        self.attempt(|p| {
            p.lit("#")?;
            p.sp1()?;
            p.lit("@")?;
            let key = p.c.class_plus(r"[a-zA-Z0-9\-_]", |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))?;
            p.sp1()?;
            let value = p
                .c
                .class_plus(r"[a-zA-Z0-9\-_ \.]", |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' ' | '.'))?;
            Some((key, value))
        })
    }

    /// `port = portName portIndex?`, lowercased unless case-sensitive.
    fn port(&mut self) -> Option<PortName> {
        self.attempt(|p| {
            let (name, pos) = p.port_name()?;
            let index = p.port_index();
            let port = if p.b.case_sensitive { name } else { name.to_lowercase() };
            let index = index.and_then(|(digits, at)| match digits.parse::<usize>() {
                Ok(i) => Some(i),
                Err(_) => {
                    p.bad_index.get_or_insert((at, digits));
                    None
                }
            });
            Some(PortName { port, index, pos })
        })
    }

    /// `port__ = port __`
    fn port_sp(&mut self) -> Option<PortName> {
        self.attempt(|p| {
            let port = p.port()?;
            p.sp1()?;
            Some(port)
        })
    }

    /// `__port = __ port`
    fn sp_port(&mut self) -> Option<PortName> {
        self.attempt(|p| {
            p.sp1()?;
            p.port()
        })
    }

    /// `portName = [a-zA-Z_][a-zA-Z.0-9_]*`
    fn port_name(&mut self) -> Option<(String, usize)> {
        let start = self.c.pos;
        self.attempt(|p| {
            let first = p.c.class("[a-zA-Z_]", |c| c.is_ascii_alphabetic() || c == '_')?;
            let rest = p.c.class_star("[a-zA-Z.0-9_]", |c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
            Some((format!("{first}{rest}"), start))
        })
    }

    /// `portIndex = "[" [0-9]+ "]"`: the digits and where they start.
    fn port_index(&mut self) -> Option<(String, usize)> {
        self.attempt(|p| {
            p.lit("[")?;
            let at = p.c.pos;
            let digits = p.c.class_plus("[0-9]", |c| c.is_ascii_digit())?;
            p.lit("]")?;
            Some((digits, at))
        })
    }
}
