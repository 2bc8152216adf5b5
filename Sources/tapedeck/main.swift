import Adapters
import TapeDeckCLI

// The `tapedeck` executable: the command set with TapeDeck's own adapters. A package of one's own
// adapters has the same two lines with `TapeDeckCLI.main(adding: [...])` (docs/WRITING-ADAPTERS.md).
await TapeDeckCLI.main(registry: .builtIn)
