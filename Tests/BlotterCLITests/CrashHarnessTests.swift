import Foundation
import Testing
import TestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `kill -9` at any moment of `blotter index` leaves the last commit readable and complete.
///
/// Each round adds a batch of generated pages, starts an index run (every third one a
/// `--rebuild`), kills it with SIGKILL after a random delay drawn from how long such a run takes,
/// and then checks that `blotter check` passes, that every document of the last commit is still
/// found by its own word, and that the index holds exactly one whole commit (the last one, or the
/// killed run's if the kill came after its manifest landed). Then a run is let finish.
///
/// Short form here (10 rounds, 660 pages). Long form: `Scripts/crash-harness.sh` sets
/// `BLOTTER_CRASH_ROUNDS`, `BLOTTER_CRASH_PAGES` and `BLOTTER_CRASH_SEED`.
@Suite(.serialized) struct CrashHarnessTests {
  static func env(_ name: String) -> Int? {
    ProcessInfo.processInfo.environment[name].flatMap { Int($0) }
  }

  @Test func killNineNeverLosesTheLastCommit() throws {
    let rounds = Self.env("BLOTTER_CRASH_ROUNDS") ?? 10
    let pages = Self.env("BLOTTER_CRASH_PAGES") ?? 660
    let seed = UInt64(Self.env("BLOTTER_CRASH_SEED") ?? 0xB1077E2)
    var rng = SplitMix64(seed: seed)
    let batch = max(1, pages / (rounds + 1))
    let corpus = CLI.tempDir("crash-corpus")
    let idx = CLI.tempDir("crash-index")
    defer {
      try? FileManager.default.removeItem(at: corpus)
      try? FileManager.default.removeItem(at: idx)
    }
    print("crash harness: \(rounds) rounds, \(batch) pages per round, seed \(seed)")

    func indexArgs(rebuild: Bool) -> [String] {
      ["index", corpus.path, "--index", idx.path, "--json", "--memory", "4", "--threads", "2"] + (rebuild ? ["--rebuild"] : [])
    }
    /// Runs an index to the end; returns (documents, generation, seconds).
    func completeRun(rebuild: Bool) throws -> (Int, Int, Double) {
      let t0 = Date()
      let r = try CLI.run(indexArgs(rebuild: rebuild))
      let dt = Date().timeIntervalSince(t0)
      #expect(r.status == 0 && !r.signaled, "index: \(r.stderr)")
      let j = try r.json()
      return (j["documents"] as? Int ?? -1, j["generation"] as? Int ?? -1, dt)
    }

    try GeneratedCorpus.write(0..<batch, to: corpus)
    var (docs, generation, seconds) = try completeRun(rebuild: false)
    #expect(docs == batch)
    var committed = batch  // pages 0..<committed are in the last commit
    var filesOfLastCommit = Set(try CLI.committedFiles(idx))
    var durations: [Bool: Double] = [false: seconds, true: seconds]
    var killedBeforeCommit = 0
    var killedAfterCommit = 0
    var killedMidWrite = 0

    for round in 1...rounds {
      let written = (round + 1) * batch
      try GeneratedCorpus.write((round * batch)..<written, to: corpus)
      let rebuild = round % 3 == 0
      // A rebuild re-reads every page; scale the estimate by the corpus size.
      let expected = rebuild ? durations[true]! * Double(written) / Double(max(committed, 1)) : durations[false]!
      // Biased to the end of the run, where segment files, the file table and the manifest are written.
      let delay = (0.3 + 0.9 * Double(rng.next() % 1000) / 1000) * expected
      let run = try Background(indexArgs(rebuild: rebuild))
      usleep(UInt32(delay * 1_000_000))
      run.kill9()
      let killed = run.finish()
      #expect(killed.signaled || killed.status == 0, "round \(round): index died by itself: \(killed.stderr)")

      // The index is whole.
      let check = try CLI.run(["check", "--index", idx.path])
      #expect(check.status == 0 && !check.signaled, "round \(round) (delay \(delay) s): check failed: \(check.stderr)")

      // Files no commit names: the kill interrupted a run that had started writing.
      let present = Set(try FileManager.default.contentsOfDirectory(atPath: idx.path))
      if !present.subtracting(try CLI.committedFiles(idx)).subtracting(["manifest", "LOCK"]).subtracting(filesOfLastCommit).isEmpty {
        killedMidWrite += 1
      }

      // Exactly one whole commit: the last one, or the killed run's if its manifest landed.
      let stats = try CLI.run(["stats", "--index", idx.path, "--json"]).json()
      let nowDocs = stats["documents"] as? Int ?? -1
      let nowGeneration = stats["generation"] as? Int ?? -1
      if nowGeneration == generation {
        #expect(nowDocs == committed, "round \(round): generation \(generation) changed its documents")
        killedBeforeCommit += 1
      } else {
        #expect(nowGeneration == generation + 1 && nowDocs == written, "round \(round): \(stats)")
        killedAfterCommit += 1
      }

      // Every document of the last commit is found by its own word; the common word counts them all.
      let words = (0..<committed).map(GeneratedCorpus.word)
      let totals = try CLI.totals(words + [GeneratedCorpus.common], index: idx)
      let lost = zip(words, totals).filter { $0.1 != 1 }.map(\.0)
      #expect(lost.isEmpty, "round \(round): documents of the last commit not found: \(lost.prefix(10))")
      #expect(totals.last == nowDocs, "round \(round): common word total \(totals.last ?? -1), documents \(nowDocs)")

      // Let a run finish.
      let filesBefore = Set(try CLI.committedFiles(idx))
      filesOfLastCommit = filesBefore
      (docs, generation, seconds) = try completeRun(rebuild: rebuild)
      durations[rebuild] = seconds
      filesOfLastCommit.formUnion(try CLI.committedFiles(idx))
      #expect(docs == written, "round \(round)")
      committed = written

      // When it committed, garbage of the killed run is gone: only this commit's files and the
      // previous commit's (kept for readers that still have it open) remain.
      if generation != nowGeneration {
        let onDisk = Set(try FileManager.default.contentsOfDirectory(atPath: idx.path))
        let current = Set(try CLI.committedFiles(idx))
        let extra = onDisk.subtracting(current).subtracting(filesBefore).subtracting(["manifest", "LOCK"])
        #expect(extra.isEmpty, "round \(round): stray files \(extra.sorted().prefix(10))")
      }
    }
    print(
      "crash harness: \(killedBeforeCommit) kills before the commit landed (\(killedMidWrite) of them while "
        + "segment files were being written), \(killedAfterCommit) after")
    let final = try CLI.run(["check", "--index", idx.path])
    #expect(final.status == 0, "\(final.stderr)")
  }
}
