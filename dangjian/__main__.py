import sys

from .cli import main, module_command

sys.exit(main(prog=module_command()))
