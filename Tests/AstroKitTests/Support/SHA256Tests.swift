import AstroKit
import Testing

@Suite("SHA-256 through libcrypto")
struct SHA256Tests {
    @Test("a copy hashes on from where it was copied; the original is not changed by it")
    func valueSemantics() {
        var first = SHA256()
        first.update("abc")
        var second = first
        second.update("dbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        #expect(first.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // The copy saw "abc" then the rest: the same bytes as one update of the whole message.
        var oneShot = SHA256()
        oneShot.update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        #expect(second.hexDigest() == oneShot.hexDigest())
        #expect(first.hexDigest() != second.hexDigest())
    }

    @Test("a million 'a' fed in uneven pieces: NIST's long-message digest")
    func millionA() {
        var hash = SHA256()
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        var offset = 0, step = 1
        while offset < bytes.count {
            let end = min(bytes.count, offset + step)
            bytes[offset..<end].withUnsafeBytes { hash.update(raw: $0) }
            offset = end
            step = step * 3 + 1
        }
        #expect(hash.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
