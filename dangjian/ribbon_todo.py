"""The ribbon button 工作提醒: its add-in file dangjian.ribbon_todo.xlam runs this module's main().

xlwings's VBA (unchanged) runs `import <add-in file stem>; <stem>.main()`; see addin.Button.
"""


def main() -> None:
    import macros

    macros.todo()
