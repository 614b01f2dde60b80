// minigz.rs: a small gzip-like command line tool built from Debian's crate sources (librust-*-dev,
// compiled with rustc directly): getopts parses the options, miniz_oxide deflates/inflates, crc32fast
// checksums and base64 prints a digest. `minigz [-l LEVEL] [-c] IN OUT` writes a gzip file (RFC 1952:
// header, raw deflate, CRC-32, size); `minigz -d IN OUT` checks and inflates one.
use std::fs;
use std::process::exit;

fn die(msg: String) -> ! {
    eprintln!("minigz: {}", msg);
    exit(2);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut opts = getopts::Options::new();
    opts.optopt("l", "level", "compression level 0-10", "LEVEL");
    opts.optflag("d", "decompress", "decompress instead");
    opts.optflag("c", "checksum", "print base64 of the CRC and of the first output bytes");
    opts.optflag("h", "help", "print this help");
    let m = match opts.parse(&args[1..]) {
        Ok(m) => m,
        Err(e) => die(e.to_string()),
    };
    if m.opt_present("h") || m.free.len() != 2 {
        print!("{}", opts.usage("Usage: minigz [options] IN OUT"));
        exit(if m.opt_present("h") { 0 } else { 1 });
    }
    let level: u8 = m.opt_str("l").map(|s| s.parse().unwrap_or_else(|_| die(format!("bad level {:?}", s)))).unwrap_or(6);
    let input = fs::read(&m.free[0]).unwrap_or_else(|e| die(format!("{}: {:?}", m.free[0], e.kind())));
    if m.opt_present("d") {
        if input.len() < 18 || input[0] != 0x1f || input[1] != 0x8b || input[2] != 8 {
            die("not a gzip file".to_string());
        }
        let body = &input[10..input.len() - 8];
        let out = miniz_oxide::inflate::decompress_to_vec(body).unwrap_or_else(|e| die(format!("inflate: {:?}", e)));
        let crc = u32::from_le_bytes(input[input.len() - 8..input.len() - 4].try_into().unwrap());
        let size = u32::from_le_bytes(input[input.len() - 4..].try_into().unwrap());
        let ok = crc32fast::hash(&out) == crc && out.len() as u32 == size;
        println!("inflated {} -> {} bytes, crc {:08x} {}", input.len(), out.len(), crc, if ok { "ok" } else { "MISMATCH" });
        fs::write(&m.free[1], &out).unwrap_or_else(|e| die(format!("{}: {:?}", m.free[1], e.kind())));
        exit(if ok { 0 } else { 3 });
    }
    let deflated = miniz_oxide::deflate::compress_to_vec(&input, level);
    let mut hasher = crc32fast::Hasher::new();
    for chunk in input.chunks(4096) {
        hasher.update(chunk);
    }
    let crc = hasher.finalize();
    let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    gz.extend_from_slice(&deflated);
    gz.extend_from_slice(&crc.to_le_bytes());
    gz.extend_from_slice(&(input.len() as u32).to_le_bytes());
    fs::write(&m.free[1], &gz).unwrap_or_else(|e| die(format!("{}: {:?}", m.free[1], e.kind())));
    println!("level {}: {} -> {} bytes, crc {:08x}", level, input.len(), gz.len(), crc);
    if m.opt_present("c") {
        println!("crc base64 {}", base64::encode(crc.to_be_bytes()));
        println!("head base64 {}", base64::encode_config(&gz[..gz.len().min(48)], base64::URL_SAFE_NO_PAD));
        let round = base64::decode(base64::encode(&input)).unwrap();
        println!("base64 round trip of the input: {}", round == input);
    }
}
