//! Formulas: operators by precedence (pest's Pratt parser), and their operands.

use super::{cmp_op, ident, name, number, span, string, Rule, P};
use crate::syntax::ast::*;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use std::sync::OnceLock;

fn pratt() -> &'static PrattParser<Rule> {
    static PRATT: OnceLock<PrattParser<Rule>> = OnceLock::new();
    PRATT.get_or_init(|| {
        PrattParser::new()
            .op(Op::infix(Rule::or, Assoc::Left))
            .op(Op::infix(Rule::and, Assoc::Left))
            .op(Op::prefix(Rule::not))
            .op(Op::infix(Rule::eq, Assoc::Left)
                | Op::infix(Rule::ne, Assoc::Left)
                | Op::infix(Rule::lt, Assoc::Left)
                | Op::infix(Rule::le, Assoc::Left)
                | Op::infix(Rule::gt, Assoc::Left)
                | Op::infix(Rule::ge, Assoc::Left)
                | Op::infix(Rule::in_op, Assoc::Left))
            .op(Op::infix(Rule::add, Assoc::Left) | Op::infix(Rule::sub, Assoc::Left))
            .op(Op::infix(Rule::mul, Assoc::Left) | Op::infix(Rule::div, Assoc::Left))
            .op(Op::prefix(Rule::neg))
            .op(Op::infix(Rule::pow, Assoc::Right))
    })
}

pub(super) fn expr(p: P) -> Expr {
    pratt()
        .map_primary(primary)
        .map_prefix(|op, rhs| {
            let sp = span(&op).to(rhs.span);
            let op = match op.as_rule() {
                Rule::neg => UnOp::Neg,
                _ => UnOp::Not,
            };
            Expr {
                kind: ExprKind::Unary {
                    op,
                    operand: Box::new(rhs),
                },
                span: sp,
            }
        })
        .map_infix(|lhs, op, rhs| {
            let sp = lhs.span.to(rhs.span);
            let op = match op.as_rule() {
                Rule::add => BinOp::Add,
                Rule::sub => BinOp::Sub,
                Rule::mul => BinOp::Mul,
                Rule::div => BinOp::Div,
                Rule::pow => BinOp::Pow,
                Rule::and => BinOp::And,
                Rule::or => BinOp::Or,
                Rule::in_op => BinOp::In,
                _ => BinOp::Cmp(cmp_op(&op)),
            };
            Expr {
                kind: ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                span: sp,
            }
        })
        .parse(p.into_inner())
}

fn primary(p: P) -> Expr {
    let sp = span(&p);
    let kind = match p.as_rule() {
        Rule::number | Rule::percent => ExprKind::Number(number(p)),
        Rule::paren => {
            let mut items: Vec<Expr> = p.into_inner().map(expr).collect();
            if items.len() == 1 {
                ExprKind::Paren(Box::new(items.pop().unwrap()))
            } else {
                ExprKind::Tuple(items)
            }
        }
        Rule::if_expr => {
            let mut i = p.into_inner().filter(|x| x.as_rule() == Rule::expr);
            ExprKind::If {
                cond: Box::new(expr(i.next().unwrap())),
                then: Box::new(expr(i.next().unwrap())),
                otherwise: Box::new(expr(i.next().unwrap())),
            }
        }
        Rule::func_call => {
            let mut i = p.into_inner();
            let func = ident(i.next().unwrap());
            let mut args = Vec::new();
            let mut filter = None;
            for a in i {
                match a.as_rule() {
                    Rule::where_clause => {
                        filter = Some(Box::new(expr(a.into_inner().nth(1).unwrap())));
                    }
                    _ => args.push(expr(a)),
                }
            }
            ExprKind::Call { func, args, filter }
        }
        Rule::string => ExprKind::Text(string(p)),
        Rule::date_lit => ExprKind::Date(p.as_str().to_string()),
        Rule::reference => return reference(p),
        r => unreachable!("primary {r:?}"),
    };
    Expr { kind, span: sp }
}

/// A reference to a name or a column: `x`, `regions.district`.
pub(super) fn reference(p: P) -> Expr {
    let sp = span(&p);
    let mut i = p.into_inner();
    let first = ident(i.next().unwrap());
    let second = i.next().map(name);
    Expr {
        kind: ExprKind::Ref { first, second },
        span: sp,
    }
}
