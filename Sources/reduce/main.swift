import AstroKit
import Config_VIS
import Foundation
import ReduceCommand

// The reduce front end: the VIS configuration registers itself, then the command runs.
do {
    try VISConfiguration.register()
} catch {
    FileHandle.standardError.write(Data("the VIS configuration is invalid: \(error)\n".utf8))
    exit(2)
}
Reduce.start()
