// MarketSimulator: deterministic market generator.
