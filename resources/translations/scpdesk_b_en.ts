<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
    <context>
        <name>FiguresWindow</name>
        <message numerus="yes">
            <source>%n record counted (double-click or Enter opens one).</source>
            <translation>
                <numerusform>%n record counted (double-click or Enter opens one).</numerusform>
                <numerusform>%n record counted (double-click or Enter opens one).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n records counted (double-click or Enter opens one).</source>
            <translation>
                <numerusform>%n records counted (double-click or Enter opens one).</numerusform>
                <numerusform>%n records counted (double-click or Enter opens one).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Saved {path} (%n page).</source>
            <translation>
                <numerusform>Saved {path} (%n page).</numerusform>
                <numerusform>Saved {path} (%n page).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Saved {path} (%n pages).</source>
            <translation>
                <numerusform>Saved {path} (%n pages).</numerusform>
                <numerusform>Saved {path} (%n pages).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Saved {path} (%n sheet).</source>
            <translation>
                <numerusform>Saved {path} (%n sheet).</numerusform>
                <numerusform>Saved {path} (%n sheet).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Saved {path} (%n sheets).</source>
            <translation>
                <numerusform>Saved {path} (%n sheets).</numerusform>
                <numerusform>Saved {path} (%n sheets).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>OfflineDialogs</name>
        <message numerus="yes">
            <source>%n meeting</source>
            <extracomment>The records a person works on, in the order a count names them: each its words for a count of them.</extracomment>
            <translation>
                <numerusform>%n meeting</numerusform>
                <numerusform>%n meeting</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n meetings</source>
            <translation>
                <numerusform>%n meetings</numerusform>
                <numerusform>%n meetings</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n referral</source>
            <translation>
                <numerusform>%n referral</numerusform>
                <numerusform>%n referral</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n referrals</source>
            <translation>
                <numerusform>%n referrals</numerusform>
                <numerusform>%n referrals</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n review</source>
            <translation>
                <numerusform>%n review</numerusform>
                <numerusform>%n review</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n reviews</source>
            <translation>
                <numerusform>%n reviews</numerusform>
                <numerusform>%n reviews</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n agenda item</source>
            <translation>
                <numerusform>%n agenda item</numerusform>
                <numerusform>%n agenda item</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n agenda items</source>
            <translation>
                <numerusform>%n agenda items</numerusform>
                <numerusform>%n agenda items</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n paper</source>
            <translation>
                <numerusform>%n paper</numerusform>
                <numerusform>%n paper</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n papers</source>
            <translation>
                <numerusform>%n papers</numerusform>
                <numerusform>%n papers</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n recommendation</source>
            <translation>
                <numerusform>%n recommendation</numerusform>
                <numerusform>%n recommendation</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n recommendations</source>
            <translation>
                <numerusform>%n recommendations</numerusform>
                <numerusform>%n recommendations</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n action</source>
            <translation>
                <numerusform>%n action</numerusform>
                <numerusform>%n action</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n actions</source>
            <translation>
                <numerusform>%n actions</numerusform>
                <numerusform>%n actions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n field changed offline applied</source>
            <translation>
                <numerusform>%n field changed offline applied</numerusform>
                <numerusform>%n field changed offline applied</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n fields changed offline applied</source>
            <translation>
                <numerusform>%n fields changed offline applied</numerusform>
                <numerusform>%n fields changed offline applied</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new record added</source>
            <translation>
                <numerusform>%n new record added</numerusform>
                <numerusform>%n new record added</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n new records added</source>
            <translation>
                <numerusform>%n new records added</numerusform>
                <numerusform>%n new records added</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n record deleted</source>
            <translation>
                <numerusform>%n record deleted</numerusform>
                <numerusform>%n record deleted</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n records deleted</source>
            <translation>
                <numerusform>%n records deleted</numerusform>
                <numerusform>%n records deleted</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n link (agencies, themes, members) changed</source>
            <translation>
                <numerusform>%n link (agencies, themes, members) changed</numerusform>
                <numerusform>%n link (agencies, themes, members) changed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n links (agencies, themes, members) changed</source>
            <translation>
                <numerusform>%n links (agencies, themes, members) changed</numerusform>
                <numerusform>%n links (agencies, themes, members) changed</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n change made only on the server stays as it is.</source>
            <translation>
                <numerusform>%n change made only on the server stays as it is.</numerusform>
                <numerusform>%n change made only on the server stays as it is.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n changes made only on the server stay as they are.</source>
            <translation>
                <numerusform>%n changes made only on the server stay as they are.</numerusform>
                <numerusform>%n changes made only on the server stay as they are.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n field changed both here and on the server: choose which to keep for each. Up and Down move between them; Left keeps yours, Right keeps theirs (Space switches); Enter goes on to the next.</source>
            <translation>
                <numerusform>%n field changed both here and on the server: choose which to keep for each. Up and Down move between them; Left keeps yours, Right keeps theirs (Space switches); Enter goes on to the next.</numerusform>
                <numerusform>%n field changed both here and on the server: choose which to keep for each. Up and Down move between them; Left keeps yours, Right keeps theirs (Space switches); Enter goes on to the next.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n fields changed both here and on the server: choose which to keep for each. Up and Down move between them; Left keeps yours, Right keeps theirs (Space switches); Enter goes on to the next.</source>
            <translation>
                <numerusform>%n fields changed both here and on the server: choose which to keep for each. Up and Down move between them; Left keeps yours, Right keeps theirs (Space switches); Enter goes on to the next.</numerusform>
                <numerusform>%n fields changed both here and on the server: choose which to keep for each. Up and Down move between them; Left keeps yours, Right keeps theirs (Space switches); Enter goes on to the next.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Choose for each conflict first (%n left).</source>
            <translation>
                <numerusform>Choose for each conflict first (%n left).</numerusform>
                <numerusform>Choose for each conflict first (%n left).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n change applied</source>
            <translation>
                <numerusform>%n change applied</numerusform>
                <numerusform>%n change applied</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n changes applied</source>
            <translation>
                <numerusform>%n changes applied</numerusform>
                <numerusform>%n changes applied</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n conflict settled as you chose</source>
            <translation>
                <numerusform>%n conflict settled as you chose</numerusform>
                <numerusform>%n conflict settled as you chose</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n conflicts settled as you chose</source>
            <translation>
                <numerusform>%n conflicts settled as you chose</numerusform>
                <numerusform>%n conflicts settled as you chose</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReferralDetail</name>
        <message numerus="yes">
            <source>%n late</source>
            <translation>
                <numerusform>%n late</numerusform>
                <numerusform>%n late</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n years</source>
            <translation>
                <numerusform>%n years</numerusform>
                <numerusform>%n years</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n year</source>
            <translation>
                <numerusform>%n year</numerusform>
                <numerusform>%n year</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ReviewDetail</name>
        <message numerus="yes">
            <source>(%n day)</source>
            <translation>
                <numerusform>(%n day)</numerusform>
                <numerusform>(%n day)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>(%n days)</source>
            <translation>
                <numerusform>(%n days)</numerusform>
                <numerusform>(%n days)</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n recommendation</source>
            <translation>
                <numerusform>%n recommendation</numerusform>
                <numerusform>%n recommendation</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n recommendations</source>
            <translation>
                <numerusform>%n recommendations</numerusform>
                <numerusform>%n recommendations</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n action</source>
            <translation>
                <numerusform>%n action</numerusform>
                <numerusform>%n action</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n actions</source>
            <translation>
                <numerusform>%n actions</numerusform>
                <numerusform>%n actions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source> — %n overdue</source>
            <translation>
                <numerusform> — %n overdue</numerusform>
                <numerusform> — %n overdue</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Today</name>
        <message numerus="yes">
            <source>Nothing matches the filters (%n item hidden by them).</source>
            <translation>
                <numerusform>Nothing matches the filters (%n item hidden by them).</numerusform>
                <numerusform>Nothing matches the filters (%n item hidden by them).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Nothing matches the filters (%n items hidden by them).</source>
            <translation>
                <numerusform>Nothing matches the filters (%n items hidden by them).</numerusform>
                <numerusform>Nothing matches the filters (%n items hidden by them).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Today, {day}: the first %n item; the rest are loading…</source>
            <translation>
                <numerusform>Today, {day}: the first %n item; the rest are loading…</numerusform>
                <numerusform>Today, {day}: the first %n item; the rest are loading…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Today, {day}: the first %n items; the rest are loading…</source>
            <translation>
                <numerusform>Today, {day}: the first %n items; the rest are loading…</numerusform>
                <numerusform>Today, {day}: the first %n items; the rest are loading…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n overdue</source>
            <translation>
                <numerusform>%n overdue</numerusform>
                <numerusform>%n overdue</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n item in all</source>
            <translation>
                <numerusform>%n item in all</numerusform>
                <numerusform>%n item in all</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n items in all</source>
            <translation>
                <numerusform>%n items in all</numerusform>
                <numerusform>%n items in all</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n shown</source>
            <translation>
                <numerusform>%n shown</numerusform>
                <numerusform>%n shown</numerusform>
            </translation>
        </message>
    </context>
</TS>
