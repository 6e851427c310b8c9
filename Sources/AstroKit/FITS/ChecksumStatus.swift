import CFITSIO

/// The state of one FITS checksum keyword (DATASUM or CHECKSUM).
///
/// ```swift
/// guard try file.verifyChecksum(hdu: 0).data != .invalid else { throw CorruptFrame() }
/// ```
public enum ChecksumStatus: Sendable, Hashable {
    case valid
    case invalid
    /// The keyword is not in the header.
    case absent
}

/// The checksums of one HDU: `data` (DATASUM, the data unit) and `hdu` (CHECKSUM, the whole HDU).
///
/// ```swift
/// let sums = try file.verifyChecksum(hdu: 1)
/// if sums.data == .invalid { print("data of HDU 1 corrupted") }
/// ```
public struct HDUChecksums: Sendable, Hashable {
    public var data: ChecksumStatus
    public var hdu: ChecksumStatus

    public init(data: ChecksumStatus, hdu: ChecksumStatus) {
        self.data = data
        self.hdu = hdu
    }

    /// True when neither checksum is invalid (absent ones are not failures).
    public var isIntact: Bool { data != .invalid && hdu != .invalid }
}

extension FITSFile {
    /// Verifies DATASUM and CHECKSUM of one HDU with CFITSIO's `ffvcks`.
    public func verifyChecksum(hdu: Int) throws -> HDUChecksums {
        try metadataOperation {
            let operation = "cannot verify the checksums of"
            try moveTo(hdu: hdu, for: operation)
            var data: Int32 = 0
            var whole: Int32 = 0
            try call(hdu: hdu, operation) { status in
                ffvcks(handle, &data, &whole, &status)
            }
            return HDUChecksums(data: Self.checksumStatus(data), hdu: Self.checksumStatus(whole))
        }
    }

    /// ffvcks answers 1 (correct), 0 (keyword absent) or -1 (incorrect).
    private static func checksumStatus(_ code: Int32) -> ChecksumStatus {
        switch code {
        case 1: return .valid
        case 0: return .absent
        default: return .invalid
        }
    }
}
