import AstroKit
import CAMFixture
import Foundation
import ReduceCommand

// reduce with the fictitious CAM instrument, for the end-to-end tests.
do {
    try CAMConfiguration.register()
} catch {
    FileHandle.standardError.write(Data("the CAM configuration is invalid: \(error)\n".utf8))
    exit(2)
}
Reduce.start()
