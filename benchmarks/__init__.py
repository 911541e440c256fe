"""Developer tooling outside the runtime package: the benchmark (``make bench``) and the synthetic corpus it runs on."""
