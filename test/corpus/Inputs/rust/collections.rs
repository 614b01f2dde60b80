// collections.rs: std's collections on a generated text: a HashMap word count (printed sorted, since
// HashMap's order depends on its random seed), BTreeMap/BTreeSet ranges, Vec sort/sort_by_key/dedup/
// binary_search, VecDeque rotation, BinaryHeap order, HashSet algebra, string and char handling.
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, VecDeque};
use std::cmp::Reverse;

fn lcg(state: &mut u64) -> u64 {
    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *state >> 33
}

fn main() {
    let words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "λάμδα", "μυ"];
    let mut state = 42u64;
    let text: Vec<&str> = (0..5000).map(|_| words[(lcg(&mut state) % words.len() as u64) as usize]).collect();

    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in &text {
        *counts.entry(w).or_insert(0) += 1;
    }
    let mut by_count: Vec<(&str, usize)> = counts.iter().map(|(k, v)| (*k, *v)).collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("hashmap: {} distinct of {}", by_count.len(), text.len());
    for (w, c) in &by_count {
        println!("  {:>8} {:5} chars={} upper={}", w, c, w.chars().count(), w.to_uppercase());
    }

    let mut tree: BTreeMap<u64, String> = BTreeMap::new();
    for i in 0..1000 {
        let k = lcg(&mut state) % 10000;
        tree.insert(k, format!("v{}", i));
    }
    let range: Vec<String> = tree.range(5000..5100).map(|(k, v)| format!("{}={}", k, v)).collect();
    println!("btreemap: len={} first={:?} last={:?}", tree.len(), tree.iter().next(), tree.iter().next_back());
    println!("btreemap range 5000..5100: {}", range.join(" "));
    tree.retain(|k, _| k % 3 == 0);
    println!("btreemap after retain: {} sum={}", tree.len(), tree.keys().sum::<u64>());

    let mut v: Vec<i64> = (0..2000).map(|_| (lcg(&mut state) % 20001) as i64 - 10000).collect();
    let mut sorted = v.clone();
    sorted.sort();
    v.sort_unstable_by(|a, b| b.cmp(a));
    v.reverse();
    assert_eq!(v, sorted);
    let mut d = sorted.clone();
    d.dedup();
    println!("vec: min={} max={} median={} distinct={}", sorted[0], sorted[sorted.len() - 1], sorted[1000], d.len());
    for probe in [-10000i64, -1, 0, 1, 4242, 9999] {
        println!("  binary_search({}) = {:?}", probe, d.binary_search(&probe).map_err(|e| e.min(99999)));
    }
    let mut pairs: Vec<(String, i64)> = d.iter().take(20).map(|x| (format!("k{}", x.rem_euclid(7)), *x)).collect();
    pairs.sort_by_key(|p| p.0.clone()); // stable: ties keep their order
    println!("  stable sort_by_key: {:?}", &pairs[..8]);
    let chunks: Vec<i64> = sorted.chunks(500).map(|c| c.iter().sum()).collect();
    println!("  chunk sums {:?}", chunks);

    let mut dq: VecDeque<u32> = (1..=10).collect();
    dq.rotate_left(3);
    dq.push_front(0);
    dq.push_back(99);
    println!("vecdeque: {:?}", dq);

    let mut heap: BinaryHeap<Reverse<(u32, &str)>> = BinaryHeap::new();
    for (i, w) in words.iter().enumerate() {
        heap.push(Reverse(((i as u32 * 7) % 5, *w)));
    }
    let order: Vec<String> = std::iter::from_fn(|| heap.pop()).map(|Reverse((p, w))| format!("{}:{}", p, w)).collect();
    println!("binaryheap: {}", order.join(","));

    let a: HashSet<u32> = (0..50).filter(|x| x % 2 == 0).collect();
    let b: HashSet<u32> = (0..50).filter(|x| x % 3 == 0).collect();
    let mut inter: Vec<_> = a.intersection(&b).copied().collect();
    inter.sort();
    let uni: BTreeSet<_> = a.union(&b).copied().collect();
    let sym: BTreeSet<_> = a.symmetric_difference(&b).copied().collect();
    println!("hashset: inter={:?} union={} symdiff={}", inter, uni.len(), sym.len());

    let s = "Hello, Wörld! ñ 日本語 🎉";
    println!("string: bytes={} chars={} rev={} words={:?}", s.len(), s.chars().count(), s.chars().rev().collect::<String>(), s.split_whitespace().collect::<Vec<_>>());
    println!("  find={:?} replace={} lower={}", s.find("日本"), s.replace("l", "L"), s.to_lowercase());
}
