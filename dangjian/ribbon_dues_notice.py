"""The ribbon button 党费公示: its add-in file dangjian.ribbon_dues_notice.xlam runs this module's main().

xlwings's VBA (unchanged) runs `import <add-in file stem>; <stem>.main()`; see addin.Button.
"""


def main() -> None:
    import macros

    macros.dues_notice()
