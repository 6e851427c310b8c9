import Synchronization

/// Resolved descriptors of one dataset. A dataset gets a fresh cache whenever its headers
/// change, so a cached value never outlives the header it came from.
final class DescriptorCache: Sendable {
    private let results = Mutex<[String: DescriptorResult]>([:])

    func value(_ name: String) -> DescriptorResult? { results.withLock { $0[name] } }
    func store(_ name: String, _ result: DescriptorResult) { results.withLock { $0[name] = result } }
}
