//! Ordering of dependency versions: dotted numeric parts compare as numbers, other parts after.

use std::cmp::Ordering;

/// Compare free-form dependency versions (`3.9` < `3.10` < `1.x`'s `x` parts sort last).
pub fn cmp_dependency_versions(a: &str, b: &str) -> Ordering {
    let mut pa = a.split(['.', '-', '_']);
    let mut pb = b.split(['.', '-', '_']);
    loop {
        match (pa.next(), pb.next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let ord = match (x.parse::<u64>(), y.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    (Ok(_), Err(_)) => Ordering::Less,
                    (Err(_), Ok(_)) => Ordering::Greater,
                    (Err(_), Err(_)) => x.cmp(y),
                };
                if ord != Ordering::Equal {
                    return ord;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_parts_compare_as_numbers() {
        let mut v = vec!["3.10", "3.9", "1.x", "22.04", "20.04", "3.8", "2"];
        v.sort_by(|a, b| cmp_dependency_versions(a, b));
        assert_eq!(v, ["1.x", "2", "3.8", "3.9", "3.10", "20.04", "22.04"]);
    }
}
