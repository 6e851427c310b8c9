import AstroKit
import Config_VIS
import Foundation
import ReduceCommand
import Recipes_VIS

// The reduce front end: the VIS configuration registers itself, then the command runs.
do {
    try VISConfiguration.register()
    // The VIS test primitives and recipes (BIAS01, DARK01...), after the types they are for.
    try VISRecipesConfiguration.register()
} catch {
    FileHandle.standardError.write(Data("the VIS configuration is invalid: \(error)\n".utf8))
    exit(2)
}
Reduce.start()
