import Foundation

/// A pointer handed to the blocks of one parallel loop. Sound because every block writes a
/// disjoint range of rows and the loop returns only when all blocks are done; the wrapper only
/// tells the compiler what the loop structure guarantees.
struct SharedPointer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
}

/// Read-only counterpart of ``SharedPointer``.
struct SharedReadPointer<Element>: @unchecked Sendable {
    let base: UnsafePointer<Element>
}
