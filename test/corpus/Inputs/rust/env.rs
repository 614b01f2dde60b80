// env.rs ARGS...: std::env and std::process: prints its arguments (not argv[0], which names the
// executable), the CORPUS_* environment variables (sorted), a missing and a non-UTF-8-free lookup,
// numbers each line of stdin, writes to stderr, and exits with the status given as `exit=N`.
use std::env;
use std::io::{self, BufRead, Write};

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    println!("{} args: {:?}", args.len(), args);
    let mut vars: Vec<(String, String)> = env::vars().filter(|(k, _)| k.starts_with("CORPUS_")).collect();
    vars.sort();
    for (k, v) in &vars {
        println!("env {}={:?}", k, v);
    }
    println!("GREETING: {:?}", env::var("CORPUS_GREETING"));
    println!("missing: {:?}", env::var("CORPUS_MISSING").map_err(|e| e.to_string()));
    let stdin = io::stdin();
    let mut n = 0;
    for line in stdin.lock().lines() {
        n += 1;
        let line = line.unwrap();
        println!("{:3}: {} ({} words)", n, line.to_uppercase(), line.split_whitespace().count());
    }
    eprintln!("env: {} lines read", n);
    io::stdout().flush().unwrap();
    let code = args.iter().find_map(|a| a.strip_prefix("exit=")).map(|s| s.parse::<i32>().unwrap()).unwrap_or(0);
    std::process::exit(code);
}
