<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB" sourcelanguage="en_GB">
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <translation type="unfinished">Iawn</translation>
        </message>
        <message>
            <source>Save</source>
            <translation type="unfinished">Cadw</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation type="unfinished">Cadw'r cyfan</translation>
        </message>
        <message>
            <source>Open</source>
            <translation type="unfinished">Agor</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation type="unfinished">&amp;Ie</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation type="unfinished">Ie i'r c&amp;yfan</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation type="unfinished">&amp;Na</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation type="unfinished">Na i'r cyf&amp;an</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation type="unfinished">Terfynu</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation type="unfinished">Ailgynnig</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation type="unfinished">Anwybyddu</translation>
        </message>
        <message>
            <source>Close</source>
            <translation type="unfinished">Cau</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation type="unfinished">Canslo</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation type="unfinished">Gwaredu</translation>
        </message>
        <message>
            <source>Help</source>
            <translation type="unfinished">Cymorth</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation type="unfinished">Gosod</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation type="unfinished">Ailosod</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation type="unfinished">Adfer y rhagosodiadau</translation>
        </message>
        <message>
            <source>Don't Save</source>
            <translation type="unfinished">Peidio â chadw</translation>
        </message>
        <message>
            <source>Close without Saving</source>
            <translation type="unfinished">Cau heb gadw</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Show Details...</source>
            <translation type="unfinished">Dangos y manylion...</translation>
        </message>
        <message>
            <source>Hide Details...</source>
            <translation type="unfinished">Cuddio'r manylion...</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <source>&amp;Undo</source>
            <translation type="unfinished">&amp;Dadwneud</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation type="unfinished">&amp;Ailwneud</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation type="unfinished">&amp;Torri</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation type="unfinished">&amp;Copïo</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation type="unfinished">&amp;Gludo</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished">Dileu</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation type="unfinished">Dewis y cyfan</translation>
        </message>
    </context>
    <context>
        <name>QTabBar</name>
        <message>
            <source>Scroll Left</source>
            <translation type="unfinished">Sgrolio i'r chwith</translation>
        </message>
        <message>
            <source>Scroll Right</source>
            <translation type="unfinished">Sgrolio i'r dde</translation>
        </message>
    </context>
    <context>
        <name>QWidgetTextControl</name>
        <message>
            <source>&amp;Undo</source>
            <translation type="unfinished">&amp;Dadwneud</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation type="unfinished">&amp;Ailwneud</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation type="unfinished">&amp;Torri</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation type="unfinished">&amp;Copïo</translation>
        </message>
        <message>
            <source>Copy &amp;Link Location</source>
            <translation type="unfinished">Copïo lleoliad y &amp;ddolen</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation type="unfinished">&amp;Gludo</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation type="unfinished">Dileu</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation type="unfinished">Dewis y cyfan</translation>
        </message>
    </context>
    <context>
        <name>QAbstractSpinBox</name>
        <message>
            <source>&amp;Select All</source>
            <translation type="unfinished">&amp;Dewis y cyfan</translation>
        </message>
        <message>
            <source>&amp;Step up</source>
            <translation type="unfinished">Cam i f&amp;yny</translation>
        </message>
        <message>
            <source>Step &amp;down</source>
            <translation type="unfinished">Cam i l&amp;awr</translation>
        </message>
    </context>
</TS>
