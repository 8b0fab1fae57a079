//! Any bytes as the language server's input: frames read or refused with a reason, never a
//! panic, and never more memory than the frame limit (a length past it is refused before
//! anything is allocated).
#![no_main]
use libfuzzer_sys::fuzz_target;
use metodika::ide::frame::{read_frame, MAX_FRAME};

fuzz_target!(|data: &[u8]| {
    let mut r = std::io::BufReader::new(data);
    // every frame of the input, up to the first that cannot be read
    for _ in 0..1000 {
        match read_frame(&mut r) {
            Ok(Some(body)) => {
                assert!(body.len() <= MAX_FRAME);
                // what the server does next: read it as JSON, or refuse it
                let _ = serde_json::from_slice::<serde_json::Value>(&body);
            }
            Ok(None) | Err(_) => break,
        }
    }
});
