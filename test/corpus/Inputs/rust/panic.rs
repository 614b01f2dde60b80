// panic.rs KIND: prints a line, then fails the Rust way. Under wasm32-wasi a panic aborts (there is no
// unwinding), which reaches wasm's `unreachable`: a trap, exit status 134, after the panic message
// on stderr. Natively it is built with -C panic=abort so both end in an abort. KIND: explicit, index,
// unwrap, expect, divide (by a zero read from the arguments), abort (std::process::abort).
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let kind = args.get(1).map(|s| s.as_str()).unwrap_or("explicit");
    println!("before the {} panic", kind);
    let v = vec![1, 2, 3];
    let zero = args.len() as i32 - args.len() as i32;
    match kind {
        "explicit" => panic!("boom {}", 42),
        "index" => println!("{}", v[args.len() + 5]),
        "unwrap" => println!("{}", v.iter().find(|x| **x > 10).unwrap()),
        "expect" => println!("{}", "x1".parse::<i32>().expect("a number")),
        "divide" => println!("{}", 7 / zero),
        "abort" => std::process::abort(),
        _ => println!("no panic"),
    }
    println!("not reached");
}
