// format.rs: std's formatting and parsing of numbers: floats with {}, {:?}, precision, exponent and
// width/fill, special values (NaN, infinities, -0.0, subnormals), float parsing round trips,
// integers in every radix and width, i128/u128 arithmetic, and the float math of libm (sqrt, powf,
// sin/exp/ln), which wasm gets from the Rust std's own compiled libm.
fn main() {
    let floats: [f64; 14] = [0.0, -0.0, 1.0, 0.1, 1.0 / 3.0, 2.0f64.sqrt(), 1e21, 1e-7, 123456789.125, f64::MAX, f64::MIN_POSITIVE,
                             5e-324, f64::INFINITY, f64::NAN];
    for x in floats {
        println!("f64 {} | {:?} | {:.3} | {:e} | {:>12.4} | {:+.2E}", x, x, x, x, x, x);
    }
    let singles: [f32; 6] = [0.1, 1.0 / 3.0, 16777217.0, f32::MAX, f32::EPSILON, -f32::INFINITY];
    for x in singles {
        println!("f32 {} | {:?} | {:.10} | {:e}", x, x, x, x);
    }
    for s in ["3.14159", "-2.5e-3", "1e400", "inf", "-nan", "0x10", "1_000", " 7", "2.2250738585072014e-308", "4.9e-324"] {
        match s.parse::<f64>() {
            Ok(v) => println!("parse {:?} -> {:?} bits={:016x}", s, v, v.to_bits()),
            Err(e) => println!("parse {:?} -> error {}", s, e),
        }
    }
    let mut x = 1.0f64;
    let mut roundtrips = 0;
    for i in 0..2000 {
        x = x * 1.37 + (i as f64).sin();
        let back: f64 = format!("{}", x).parse().unwrap();
        if back.to_bits() == x.to_bits() { roundtrips += 1; }
    }
    println!("round trips: {}/2000 last={:e}", roundtrips, x);
    for n in [0i64, 1, -1, 255, -256, i64::MAX, i64::MIN] {
        println!("i64 {} {:x} {:X} {:o} {:b} {:#x} {:08} {:<6}| {:^9}| {:+}", n, n, n, n, n & 0xff, n, n, n % 1000, n % 100, n);
    }
    let a: u128 = 0xfedcba98765432100123456789abcdef;
    let b: i128 = -170141183460469231731687303715884105728;
    println!("u128 {} {:x} {} {}", a, a.wrapping_mul(a), a / 1000000007, a.count_ones());
    println!("i128 {} {} {:?}", b, b + 1, b.checked_neg());
    println!("math {:.12} {:.12} {:.12} {:.12} {:.12} {}", 2.0f64.powf(0.5), (1.0f64).exp(), 10.0f64.ln(), (0.5f64).atan2(-0.25), 1e10f64.cbrt(), (7.5f64).round());
    println!("f32 math {} {} {} {}", 2.0f32.sqrt(), (0.3f32).sin(), 3.7f32.floor(), (-3.5f32).round());
    println!("casts {} {} {} {} {}", 3.99f64 as i32, -1.5f64 as u8, 1e20f64 as i32, f64::NAN as i64, 300i32 as u8 as char);
    println!("{:?} {:?} {:?}", "quote\"tab\tnl\n", 'λ', Some((1, "x", [1.5f32, 2.0])));
}
