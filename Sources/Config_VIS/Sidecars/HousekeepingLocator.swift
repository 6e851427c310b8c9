import AstroKit
import Foundation
import Synchronization

/// Finds and reads the housekeeping file of an exposure (`HK_<ObsID>_<stamp>_ROE1.txt`, in the
/// folder of its raw files), reading each file once per process (cached by path, errors too).
public final class HousekeepingLocator: Sendable {
    private let cache = Mutex<[String: Result<HousekeepingFile, DescriptorFailure>]>([:])

    public init() {}

    /// The HK file of an ObsID beside the data, with its name.
    public func file(obsid: Int, folder: URL) throws(DescriptorFailure) -> (file: HousekeepingFile, name: String) {
        let urls: [URL]
        do { urls = try HousekeepingFile.discover(obsid: obsid, in: folder) } catch {
            throw .missingSidecar("the folder \(folder.path) cannot be listed to find the housekeeping of ObsID \(obsid): \(error.localizedDescription)")
        }
        guard let url = urls.first else {
            throw .missingSidecar("no housekeeping file HK_\(obsid)_*_ROE1.txt in \(folder.path)")
        }
        let result = cache.withLock { table -> Result<HousekeepingFile, DescriptorFailure> in
            if let cached = table[url.path] { return cached }
            let fresh = Result { () throws(DescriptorFailure) -> HousekeepingFile in
                do { return try HousekeepingFile.read(url) } catch {
                    throw .missingSidecar("the housekeeping file cannot be used: \(error)")
                }
            }
            table[url.path] = fresh
            return fresh
        }
        return (try result.get(), url.lastPathComponent)
    }
}
