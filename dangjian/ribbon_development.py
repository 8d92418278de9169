"""The ribbon button 发展党员材料: its add-in file dangjian.ribbon_development.xlam runs this module's main().

xlwings's VBA (unchanged) runs `import <add-in file stem>; <stem>.main()`; see addin.Button.
"""


def main() -> None:
    import macros

    macros.development()
