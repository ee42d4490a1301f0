//! The pattern parser: tokens with their positions, and a recursive-descent parser that builds the
//! Thompson NFA fragment by fragment.

use super::{PatternError, State, Term};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token {
    Term(Term),
    Bar,
    Open,
    Close,
    Repeat(char),
}

pub(crate) fn tokenize(text: &str) -> Result<Vec<(Token, usize)>, PatternError> {
    const SPECIAL: &str = "|()*+?.@";
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let name_end = |mut j: usize| {
        while j < chars.len() && !chars[j].is_whitespace() && !SPECIAL.contains(chars[j]) {
            j += 1;
        }
        j
    };
    while i < chars.len() {
        let c = chars[i];
        let pos = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let token = match c {
            '|' => Token::Bar,
            '(' => Token::Open,
            ')' => Token::Close,
            '*' | '+' | '?' => Token::Repeat(c),
            '.' => Token::Term(Term::Any),
            '@' => {
                let end = name_end(i + 1);
                if end == i + 1 {
                    return Err(PatternError {
                        position: pos,
                        message: "'@' must be followed by a class name, e.g. @illicit".into(),
                    });
                }
                let name: String = chars[i + 1..end].iter().collect();
                tokens.push((Token::Term(Term::Class(name)), pos));
                i = end;
                continue;
            }
            _ => {
                let end = name_end(i);
                let name: String = chars[i..end].iter().collect();
                tokens.push((Token::Term(Term::Kind(name)), pos));
                i = end;
                continue;
            }
        };
        tokens.push((token, pos));
        i += 1;
    }
    Ok(tokens)
}

/// A Thompson NFA under construction, and the recursive-descent parser that builds it.
pub(crate) struct Builder {
    pub(crate) tokens: Vec<(Token, usize)>,
    pub(crate) at: usize,
    pub(crate) end_position: usize,
    pub(crate) states: Vec<State>,
    pub(crate) terms: Vec<Term>,
}

/// A fragment of the NFA: its entry and exit states.
#[derive(Clone, Copy)]
pub(crate) struct Frag {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl Builder {
    fn state(&mut self) -> u32 {
        self.states.push(State::default());
        (self.states.len() - 1) as u32
    }

    fn eps(&mut self, from: u32, to: u32) {
        self.states[from as usize].eps.push(to);
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|t| &t.0)
    }

    pub(crate) fn position(&self) -> usize {
        self.tokens.get(self.at).map_or(self.end_position, |t| t.1)
    }

    pub(crate) fn error<T>(&self, position: usize, message: &str) -> Result<T, PatternError> {
        Err(PatternError {
            position,
            message: message.to_string(),
        })
    }

    pub(crate) fn alternatives(&mut self) -> Result<Frag, PatternError> {
        let mut parts = vec![self.sequence()?];
        while self.peek() == Some(&Token::Bar) {
            self.at += 1;
            parts.push(self.sequence()?);
        }
        if parts.len() == 1 {
            return Ok(parts[0]);
        }
        let (start, end) = (self.state(), self.state());
        for p in parts {
            self.eps(start, p.start);
            self.eps(p.end, end);
        }
        Ok(Frag { start, end })
    }

    fn sequence(&mut self) -> Result<Frag, PatternError> {
        let mut frag: Option<Frag> = None;
        while let Some(Token::Term(_) | Token::Open) = self.peek() {
            let next = self.repeated()?;
            frag = Some(match frag {
                None => next,
                Some(f) => {
                    self.eps(f.end, next.start);
                    Frag {
                        start: f.start,
                        end: next.end,
                    }
                }
            });
        }
        match (frag, self.peek()) {
            (Some(f), _) => Ok(f),
            (None, Some(Token::Repeat(c))) => {
                let c = *c;
                self.error(self.position(), &format!("'{c}' has nothing to repeat"))
            }
            (None, Some(Token::Bar)) => self.error(
                self.position(),
                "empty alternative before '|' (expected a kind, @class, '.' or '(')",
            ),
            (None, Some(Token::Close)) => self.error(
                self.position(),
                "empty group or alternative before ')' (expected a kind, @class, '.' or '(')",
            ),
            (None, _) => self.error(
                self.position(),
                "pattern ends where a kind, @class, '.' or '(' was expected",
            ),
        }
    }

    fn repeated(&mut self) -> Result<Frag, PatternError> {
        let mut inner = self.atom()?;
        while let Some(Token::Repeat(c)) = self.peek() {
            let c = *c;
            self.at += 1;
            let (start, end) = (self.state(), self.state());
            self.eps(start, inner.start);
            self.eps(inner.end, end);
            if c != '+' {
                self.eps(start, end);
            }
            if c != '?' {
                self.eps(inner.end, inner.start);
            }
            inner = Frag { start, end };
        }
        Ok(inner)
    }

    fn atom(&mut self) -> Result<Frag, PatternError> {
        let open_at = self.position();
        match self.tokens.get(self.at).map(|t| t.0.clone()) {
            Some(Token::Term(term)) => {
                self.at += 1;
                let (start, end) = (self.state(), self.state());
                self.terms.push(term);
                self.states[start as usize].on = Some(((self.terms.len() - 1) as u32, end));
                Ok(Frag { start, end })
            }
            Some(Token::Open) => {
                self.at += 1;
                let inner = self.alternatives()?;
                if self.peek() != Some(&Token::Close) {
                    return self.error(
                        self.position(),
                        &format!("'(' opened at position {open_at} is not closed"),
                    );
                }
                self.at += 1;
                Ok(inner)
            }
            _ => self.error(open_at, "expected a kind, @class, '.' or '('"),
        }
    }
}
