"""`citemap check` options: -q quiets the warnings as render's does, and changes nothing else."""
import os, shutil, sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import BRENNA, GAZA, main, run, test


@test
def check_q_prints_no_warnings_and_keeps_its_results_and_status(tmp):
    # audit s18 D10: `check -q` was rejected (exit 2) while `render -q` worked.
    loud = run("check", GAZA, "-j", "1", check=0)
    assert "warning:" in loud.stderr, loud.stderr  # Gaza's names without name_ar
    quiet = run("check", GAZA, "-j", "1", "-q", check=0)
    assert quiet.stderr == "", quiet.stderr
    assert quiet.stdout == loud.stdout and "\nok: " in quiet.stdout, quiet.stdout  # its [[check]]s and summary
    # Errors are still printed, with the same exit status.
    proj = os.path.join(tmp, "brenna")
    shutil.copytree(BRENNA, proj)
    toml = os.path.join(proj, "map.toml")
    text = open(toml, encoding="utf-8").read()
    open(toml, "w", encoding="utf-8").write(text.replace('quote = "', 'quote = "Words the article never had: ', 1))
    broken = run("check", proj, "-q", check=1)
    assert "error:" in broken.stderr and "warning:" not in broken.stderr, broken.stderr


if __name__ == "__main__":
    main()
