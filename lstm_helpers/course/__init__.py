"""Course plumbing: exercise checks (verdicts a test can assert), the lesson catalogue and
launch badges, the welcome lesson's environment check, the student edition and the static
export, and the class-server helpers.

May import every other layer.
"""
