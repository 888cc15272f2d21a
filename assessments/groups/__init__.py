"""Groups of stores (dealer groups, regional chains, OEM networks, associations): membership by
consent, the roll-up of the network's results, its exports."""
