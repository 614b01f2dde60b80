// files.rs DIR: std::fs inside a directory granted to the program (a --dir preopen under wasm, a plain
// path natively): create nested folders, write/read/append files, seek and overwrite, copy, rename,
// remove, list a folder (sorted: read_dir's order is the file system's), metadata, and the error kinds
// of failing calls. Paths are printed relative to DIR, and errors by kind only (WASI's errno numbers
// differ from Linux's, so the message texts do too).
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::Path;

fn listing(root: &Path, dir: &Path, out: &mut Vec<String>) -> io::Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
        let ft = e.file_type()?;
        if ft.is_dir() {
            out.push(format!("{}/", rel));
            listing(root, &e.path(), out)?;
        } else {
            out.push(format!("{} ({} bytes)", rel, e.metadata()?.len()));
        }
    }
    Ok(())
}

fn main() -> io::Result<()> {
    let root = std::env::args().nth(1).expect("usage: files DIR");
    let root = Path::new(&root);
    let input = root.join("input.txt");
    let reader = BufReader::new(File::open(&input)?);
    let mut total = 0usize;
    let mut longest = String::new();
    for line in reader.lines() {
        let line = line?;
        total += line.len();
        if line.len() > longest.len() { longest = line; }
    }
    println!("input: {} bytes of text, longest line {:?}", total, longest);

    fs::create_dir_all(root.join("out/sub/deeper"))?;
    let mut f = File::create(root.join("out/numbers.txt"))?;
    for i in 0..1000 {
        writeln!(f, "{} {}", i, i * i)?;
    }
    drop(f);
    let text = fs::read_to_string(root.join("out/numbers.txt"))?;
    let sum: u64 = text.lines().map(|l| l.split(' ').nth(1).unwrap().parse::<u64>().unwrap()).sum();
    println!("numbers.txt: {} lines, sum of squares {}", text.lines().count(), sum);

    let mut f = OpenOptions::new().append(true).open(root.join("out/numbers.txt"))?;
    f.write_all(b"appended\n")?;
    drop(f);
    let mut f = OpenOptions::new().read(true).write(true).open(root.join("out/numbers.txt"))?;
    f.seek(SeekFrom::Start(4))?;
    f.write_all(b"XY")?;
    let end = f.seek(SeekFrom::End(-9))?;
    let mut tail = String::new();
    f.read_to_string(&mut tail)?;
    println!("seek: end-9 at {} reads {:?}", end, tail);

    let data: Vec<u8> = (0..70000u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
    fs::write(root.join("out/sub/blob.bin"), &data)?;
    let copied = fs::copy(root.join("out/sub/blob.bin"), root.join("out/sub/deeper/copy.bin"))?;
    let back = fs::read(root.join("out/sub/deeper/copy.bin"))?;
    println!("blob: copied {} bytes, equal={}", copied, back == data);
    fs::rename(root.join("out/sub/blob.bin"), root.join("out/renamed.bin"))?;
    fs::write(root.join("out/gone.txt"), "temporary")?;
    fs::remove_file(root.join("out/gone.txt"))?;
    fs::create_dir(root.join("out/empty"))?;
    fs::remove_dir(root.join("out/empty"))?;

    let meta = fs::metadata(root.join("out/renamed.bin"))?;
    println!("metadata: len={} is_file={} is_dir={} readonly={}", meta.len(), meta.is_file(), meta.is_dir(), meta.permissions().readonly());

    // Rust 1.63's std for WASI maps only some errno values to an ErrorKind (ENOTEMPTY and ENOTDIR
    // become Uncategorized), so the last two print only that they failed.
    for (what, r, kind) in [
        ("open missing", File::open(root.join("missing.txt")).map(|_| ()), true),
        ("create_dir existing", fs::create_dir(root.join("out")), true),
        ("remove_dir non-empty", fs::remove_dir(root.join("out")), false),
        ("read_dir of a file", fs::read_dir(root.join("input.txt")).map(|_| ()), false),
    ] {
        match r {
            Ok(()) => println!("{}: ok?", what),
            Err(e) if kind => println!("{}: {:?}", what, e.kind()),
            Err(_) => println!("{}: failed", what),
        }
    }

    let mut out = Vec::new();
    listing(root, root, &mut out)?;
    println!("tree:\n  {}", out.join("\n  "));
    Ok(())
}
