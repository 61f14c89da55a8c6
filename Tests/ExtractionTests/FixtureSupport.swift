import Foundation

/// Reads a fixture file's bytes from the test bundle's `Fixtures` folder.
func fixture(_ name: String) throws -> [UInt8] {
  guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")
  else {
    throw FixtureMissing(name: name)
  }
  return [UInt8](try Data(contentsOf: url))
}

struct FixtureMissing: Error {
  var name: String
}
