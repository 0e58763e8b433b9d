"""Commands: one module per script, each with a main(argv) returning the exit code."""
