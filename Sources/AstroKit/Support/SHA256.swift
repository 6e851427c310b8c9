import COpenSSL

/// SHA-256 (FIPS 180-4), for content checksums of datasets, calibration files and checkpoint
/// keys, computed by OpenSSL's libcrypto (which uses the CPU's SHA instructions).
///
/// ```swift
/// var hash = SHA256()
/// hash.update(Array("abc".utf8))
/// hash.hexDigest()   // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
///
/// A value type: a copy hashes on from the state it was copied at.
public struct SHA256: Sendable {
    /// libcrypto's digest context, copied before a shared one is changed.
    private final class Context: @unchecked Sendable {
        let pointer: OpaquePointer
        init() {
            guard let p = EVP_MD_CTX_new(), EVP_DigestInit_ex(p, EVP_sha256(), nil) == 1 else {
                fatalError("libcrypto cannot start a SHA-256 digest")
            }
            pointer = p
        }
        init(copying other: Context) {
            guard let p = EVP_MD_CTX_new(), EVP_MD_CTX_copy_ex(p, other.pointer) == 1 else {
                fatalError("libcrypto cannot copy a SHA-256 digest")
            }
            pointer = p
        }
        deinit { EVP_MD_CTX_free(pointer) }
    }

    private var context = Context()

    public init() {}

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        Array(bytes).withUnsafeBytes { update(raw: $0) }
    }

    /// Feeds raw memory.
    public mutating func update(raw: UnsafeRawBufferPointer) {
        guard let base = raw.baseAddress, raw.count > 0 else { return }
        if !isKnownUniquelyReferenced(&context) { context = Context(copying: context) }
        EVP_DigestUpdate(context.pointer, base, raw.count)
    }

    /// Hashes the in-memory representation of an array of plain numbers.
    public mutating func update<T: BitwiseCopyable>(values: [T]) {
        values.withUnsafeBytes { update(raw: $0) }
    }

    public mutating func update(_ text: String) { Array(text.utf8).withUnsafeBytes { update(raw: $0) } }

    public func hexDigest() -> String {
        let copy = Context(copying: context)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(copy.pointer, &digest, &length)
        return digest.prefix(Int(length)).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
