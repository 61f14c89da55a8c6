import Searching

/// The CLI writes JSON with Searching's writer, the one the server's API uses.
typealias JSONOut = JSONWriter
