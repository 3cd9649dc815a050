//! "Did you mean" hints for unknown component names.

/// A hint for an unknown component `name`: the known names within a small
/// edit distance (Levenshtein, ASCII case-insensitive), or failing that,
/// every known name.
pub(super) fn components(name: &str, known: &[&str]) -> String {
    let lower = name.to_ascii_lowercase();
    let limit = (name.len() / 3).max(2);
    let mut close: Vec<(usize, &str)> = known
        .iter()
        .copied()
        .map(|n| (distance(&lower, &n.to_ascii_lowercase()), n))
        .filter(|&(d, _)| d <= limit)
        .collect();
    close.sort();
    if !close.is_empty() {
        let names: Vec<&str> = close.iter().take(3).map(|&(_, n)| n).collect();
        return format!("did you mean {}?", names.join(" or "));
    }
    if known.is_empty() { "no components are registered".into() } else { format!("known components: {}", known.join(", ")) }
}

/// The Levenshtein edit distance between `a` and `b`, in characters
/// (Levenshtein 1966; two-row dynamic programming).
pub(super) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}
