"""Supply-Chain Partnership Tracker: South Korea's supply-chain cooperation with foreign partners, from curated records."""
