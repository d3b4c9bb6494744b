"""Evidence bundle format: BagIt layout, containers, signatures and the verifier (DESIGN.md, "Evidence bundle")."""
