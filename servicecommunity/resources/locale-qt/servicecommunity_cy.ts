<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy">
    <context>
        <name />
        <message>
            <source>Make a team workspace</source>
            <translation>Creu gweithle tîm</translation>
        </message>
        <message>
            <source>{0} holds no workspace yet. Make one there, with a first journey to map? (This is what 'servicecommunity init' does.)</source>
            <translation>Nid oes gweithle yn {0} eto. Creu un yno, gyda thaith gyntaf i'w mapio? (Dyma beth mae 'servicecommunity init' yn ei wneud.)</translation>
        </message>
        <message>
            <source>The workspace was not made</source>
            <translation>Ni chafodd y gweithle ei greu</translation>
        </message>
        <message>
            <source>Open a workspace</source>
            <translation>Agor gweithle</translation>
        </message>
        <message>
            <source>Service Community cannot open the team workspace</source>
            <translation>Ni all Service Community agor y gweithle tîm</translation>
        </message>
        <message>
            <source>the community</source>
            <translation>y gymuned</translation>
        </message>
        <message>
            <source>organisations</source>
            <translation>sefydliadau</translation>
        </message>
        <message>
            <source>groups</source>
            <translation>grwpiau</translation>
        </message>
        <message>
            <source>people</source>
            <translation>pobl</translation>
        </message>
        <message>
            <source>data items</source>
            <translation>eitemau data</translation>
        </message>
        <message>
            <source>journeys</source>
            <translation>teithiau</translation>
        </message>
        <message>
            <source>stages</source>
            <translation>cyfnodau</translation>
        </message>
        <message>
            <source>steps</source>
            <translation>camau</translation>
        </message>
        <message>
            <source>dependencies</source>
            <translation>dibyniaethau</translation>
        </message>
        <message>
            <source>workshops</source>
            <translation>gweithdai</translation>
        </message>
        <message>
            <source>blockers</source>
            <translation>rhwystrau</translation>
        </message>
        <message>
            <source>blocker updates</source>
            <translation>diweddariadau rhwystrau</translation>
        </message>
        <message>
            <source>notes</source>
            <translation>nodiadau</translation>
        </message>
        <message>
            <source>someone</source>
            <translation>rhywun</translation>
        </message>
        <message>
            <source>{0} and {1}</source>
            <translation>{0} a {1}</translation>
        </message>
        <message>
            <source>{0} changed {1}</source>
            <translation>Newidiodd {0} {1}</translation>
        </message>
        <message>
            <source>{0} ({1})</source>
            <translation>{0} ({1})</translation>
        </message>
    </context>
    <context>
        <name>BlockerForm</name>
        <message>
            <source>Raise a blocker</source>
            <translation>Codi rhwystr</translation>
        </message>
        <message>
            <source>What stops the community improving the journey?</source>
            <translation>Beth sy'n atal y gymuned rhag gwella'r daith?</translation>
        </message>
        <message>
            <source>No owner yet</source>
            <translation>Dim perchennog eto</translation>
        </message>
        <message>
            <source>Due by</source>
            <translation>Erbyn</translation>
        </message>
        <message>
            <source>Due date</source>
            <translation>Dyddiad erbyn</translation>
        </message>
        <message>
            <source>&amp;Title</source>
            <translation>&amp;Teitl</translation>
        </message>
        <message>
            <source>&amp;Description</source>
            <translation>&amp;Disgrifiad</translation>
        </message>
        <message>
            <source>&amp;Category</source>
            <translation>&amp;Categori</translation>
        </message>
        <message>
            <source>&amp;Severity</source>
            <translation>&amp;Difrifoldeb</translation>
        </message>
        <message>
            <source>C&amp;lassification</source>
            <translation>Dos&amp;barthiad</translation>
        </message>
        <message>
            <source>&amp;Owner (must resolve it)</source>
            <translation>&amp;Perchennog (rhaid iddo ei ddatrys)</translation>
        </message>
        <message>
            <source>Caused by</source>
            <translation>Achoswyd gan</translation>
        </message>
        <message>
            <source>&amp;Raised on</source>
            <translation>Codwyd a&amp;r</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Erbyn</translation>
        </message>
        <message>
            <source>Service Standard points</source>
            <translation>Pwyntiau'r Safon Gwasanaeth</translation>
        </message>
        <message>
            <source>Affected steps</source>
            <translation>Camau yr effeithir arnynt</translation>
        </message>
        <message>
            <source>Affected hand-offs</source>
            <translation>Trosglwyddiadau yr effeithir arnynt</translation>
        </message>
        <message>
            <source>Give the blocker a title.</source>
            <translation>Rhowch deitl i'r rhwystr.</translation>
        </message>
        <message>
            <source>A blocker cannot be due before it was raised.</source>
            <translation>Ni all rhwystr fod yn ddyledus cyn iddo gael ei godi.</translation>
        </message>
    </context>
    <context>
        <name>BlockerHistoryView</name>
        <message>
            <source>Select a blocker to see its history.</source>
            <translation>Dewiswch rwystr i weld ei hanes.</translation>
        </message>
        <message>
            <source>Blocker history</source>
            <translation>Hanes y rhwystr</translation>
        </message>
        <message>
            <source>When, who and what changed on the selected blocker, oldest first</source>
            <translation>Pryd, pwy a beth a newidiodd ar y rhwystr a ddewiswyd, yr hynaf yn gyntaf</translation>
        </message>
        <message>
            <source>Due {0}</source>
            <translation>Erbyn {0}</translation>
        </message>
        <message>
            <source>nobody yet</source>
            <translation>neb eto</translation>
        </message>
        <message>
            <source>Owner: {0} · caused by {1}</source>
            <translation>Perchennog: {0} · achoswyd gan {1}</translation>
        </message>
        <message>
            <source>Owner: {0}</source>
            <translation>Perchennog: {0}</translation>
        </message>
        <message>
            <source>Steps: {0}</source>
            <translation>Camau: {0}</translation>
        </message>
    </context>
    <context>
        <name>BlockerRegister</name>
        <message>
            <source>The organisation that owns the blocker (must resolve it)</source>
            <translation>Y sefydliad sy'n berchen ar y rhwystr (rhaid iddo ei ddatrys)</translation>
        </message>
        <message>
            <source>Any status</source>
            <translation>Unrhyw statws</translation>
        </message>
        <message>
            <source>Open (any)</source>
            <translation>Agored (unrhyw un)</translation>
        </message>
        <message>
            <source>Any severity</source>
            <translation>Unrhyw ddifrifoldeb</translation>
        </message>
        <message>
            <source>Any category</source>
            <translation>Unrhyw gategori</translation>
        </message>
        <message>
            <source>Any classification</source>
            <translation>Unrhyw ddosbarthiad</translation>
        </message>
        <message>
            <source>Search blockers…</source>
            <translation>Chwilio rhwystrau…</translation>
        </message>
        <message>
            <source>Organisation filter</source>
            <translation>Hidlydd sefydliad</translation>
        </message>
        <message>
            <source>Show the blockers one organisation must resolve</source>
            <translation>Dangos y rhwystrau y mae'n rhaid i un sefydliad eu datrys</translation>
        </message>
        <message>
            <source>Status filter</source>
            <translation>Hidlydd statws</translation>
        </message>
        <message>
            <source>Show blockers with one status, or any open one</source>
            <translation>Dangos rhwystrau ag un statws, neu unrhyw un agored</translation>
        </message>
        <message>
            <source>Severity filter</source>
            <translation>Hidlydd difrifoldeb</translation>
        </message>
        <message>
            <source>Show blockers of one severity</source>
            <translation>Dangos rhwystrau o un difrifoldeb</translation>
        </message>
        <message>
            <source>Category filter</source>
            <translation>Hidlydd categori</translation>
        </message>
        <message>
            <source>Show blockers of one category</source>
            <translation>Dangos rhwystrau o un categori</translation>
        </message>
        <message>
            <source>Classification filter</source>
            <translation>Hidlydd dosbarthiad</translation>
        </message>
        <message>
            <source>Show blockers of one security classification</source>
            <translation>Dangos rhwystrau o un dosbarthiad diogelwch</translation>
        </message>
        <message>
            <source>Search blockers</source>
            <translation>Chwilio rhwystrau</translation>
        </message>
        <message>
            <source>Show the blockers whose title, description, owner or steps hold every word</source>
            <translation>Dangos y rhwystrau y mae pob gair yn eu teitl, eu disgrifiad, eu perchennog neu eu camau</translation>
        </message>
        <message>
            <source>Raise blocker…</source>
            <translation>Codi rhwystr…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Golygu…</translation>
        </message>
        <message>
            <source>Change status…</source>
            <translation>Newid statws…</translation>
        </message>
        <message>
            <source>Comment…</source>
            <translation>Sylw…</translation>
        </message>
        <message>
            <source>Show on map</source>
            <translation>Dangos ar y map</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Dileu</translation>
        </message>
        <message>
            <source>Blockers</source>
            <translation>Rhwystrau</translation>
        </message>
        <message>
            <source>One row per blocker: arrow keys move between rows, Tab goes on to the selected blocker's history</source>
            <translation>Un rhes i bob rhwystr: mae'r bysellau saeth yn symud rhwng rhesi, mae Tab yn mynd ymlaen i hanes y rhwystr a ddewiswyd</translation>
        </message>
        <message>
            <source>Any organisation</source>
            <translation>Unrhyw sefydliad</translation>
        </message>
        <message>
            <source>My organisation ({0})</source>
            <translation>Fy sefydliad ({0})</translation>
        </message>
        <message numerus="yes">
            <source>%n of {0} blocker(s)</source>
            <translation>
                <numerusform>Rhwystrau: %n o {0}</numerusform>
                <numerusform>Rhwystrau: %n o {0}</numerusform>
                <numerusform>Rhwystrau: %n o {0}</numerusform>
                <numerusform>Rhwystrau: %n o {0}</numerusform>
                <numerusform>Rhwystrau: %n o {0}</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n blocker(s)</source>
            <translation>
                <numerusform>%n rhwystr</numerusform>
                <numerusform>%n rhwystr</numerusform>
                <numerusform>%n rwystr</numerusform>
                <numerusform>%n rhwystr</numerusform>
                <numerusform>%n rhwystr</numerusform>
            </translation>
        </message>
        <message>
            <source>Open or create a community first.</source>
            <translation>Agorwch neu crëwch gymuned yn gyntaf.</translation>
        </message>
        <message>
            <source>Raise blocker “{0}”</source>
            <translation>Codi rhwystr “{0}”</translation>
        </message>
        <message>
            <source>Edit blocker</source>
            <translation>Golygu rhwystr</translation>
        </message>
        <message>
            <source>Edit blocker “{0}”</source>
            <translation>Golygu rhwystr “{0}”</translation>
        </message>
        <message>
            <source>Delete blocker “{0}”</source>
            <translation>Dileu rhwystr “{0}”</translation>
        </message>
    </context>
    <context>
        <name>BlockerTable</name>
        <message>
            <source>Overdue: was due {0}</source>
            <translation>Hwyr: roedd yn ddyledus erbyn {0}</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>Hwyr</translation>
        </message>
        <message>
            <source>Overdue · {0}</source>
            <translation>Hwyr · {0}</translation>
        </message>
        <message numerus="yes">
            <source>%n hand-off(s)</source>
            <translation>
                <numerusform>%n trosglwyddiad</numerusform>
                <numerusform>%n trosglwyddiad</numerusform>
                <numerusform>%n drosglwyddiad</numerusform>
                <numerusform>%n throsglwyddiad</numerusform>
                <numerusform>%n trosglwyddiad</numerusform>
            </translation>
        </message>
        <message>
            <source>Caused by: {0}</source>
            <translation>Achoswyd gan: {0}</translation>
        </message>
        <message>
            <source>No owner</source>
            <translation>Dim perchennog</translation>
        </message>
        <message>
            <source>The organisation that must resolve it</source>
            <translation>Y sefydliad y mae'n rhaid iddo ei ddatrys</translation>
        </message>
        <message>
            <source>Raised by {0}</source>
            <translation>Codwyd gan {0}</translation>
        </message>
    </context>
    <context>
        <name>Columns</name>
        <message>
            <source>When</source>
            <translation>Pryd</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>Pwy</translation>
        </message>
        <message>
            <source>What</source>
            <translation>Beth</translation>
        </message>
        <message>
            <source>Blocker</source>
            <translation>Rhwystr</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Perchennog</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Difrifoldeb</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statws</translation>
        </message>
        <message>
            <source>Due</source>
            <translation>Erbyn</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Categori</translation>
        </message>
        <message>
            <source>Classification</source>
            <translation>Dosbarthiad</translation>
        </message>
        <message>
            <source>Raised</source>
            <translation>Codwyd</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>Camau</translation>
        </message>
        <message>
            <source>Raised by</source>
            <translation>Codwyd gan</translation>
        </message>
    </context>
    <context>
        <name>CommentDialog</name>
        <message>
            <source>Comment on blocker</source>
            <translation>Rhoi sylw ar rwystr</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>Sylw</translation>
        </message>
        <message>
            <source>Goes in the blocker's history with your name</source>
            <translation>Yn mynd i hanes y rhwystr gyda'ch enw</translation>
        </message>
    </context>
    <context>
        <name>ConnectDialog</name>
        <message>
            <source>Connect to a team workspace</source>
            <translation>Cysylltu â gweithle tîm</translation>
        </message>
        <message>
            <source>A team workspace lives in a PostgreSQL database on a server. Its hosting team gives you the address below.</source>
            <translation>Mae gweithle tîm yn byw mewn cronfa ddata PostgreSQL ar weinydd. Mae'r tîm sy'n ei letya yn rhoi'r cyfeiriad isod i chi.</translation>
        </message>
        <message>
            <source>&amp;Host:</source>
            <translation>&amp;Gwesteiwr:</translation>
        </message>
        <message>
            <source>The server's name or address, or a socket folder</source>
            <translation>Enw neu gyfeiriad y gweinydd, neu ffolder soced</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>Porth</translation>
        </message>
        <message>
            <source>&amp;Port:</source>
            <translation>&amp;Porth:</translation>
        </message>
        <message>
            <source>&amp;Database:</source>
            <translation>Cronfa &amp;ddata:</translation>
        </message>
        <message>
            <source>The database that holds the workspace</source>
            <translation>Y gronfa ddata sy'n dal y gweithle</translation>
        </message>
        <message>
            <source>&amp;User:</source>
            <translation>&amp;Defnyddiwr:</translation>
        </message>
        <message>
            <source>Your login on the server</source>
            <translation>Eich enw mewngofnodi ar y gweinydd</translation>
        </message>
        <message>
            <source>Pass&amp;word:</source>
            <translation>Cyfrin&amp;air:</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Cyfrinair</translation>
        </message>
        <message>
            <source>empty: from PostgreSQL's password or service file</source>
            <translation>gwag: o ffeil cyfrineiriau neu wasanaethau PostgreSQL</translation>
        </message>
        <message>
            <source>&amp;Remember the password in this computer's keyring</source>
            <translation>Cofio'r cyfrinair yng nghylch allweddi'r cyfrifiadur hwn</translation>
        </message>
        <message>
            <source>&amp;Service:</source>
            <translation>Gwa&amp;sanaeth:</translation>
        </message>
        <message>
            <source>A name from PostgreSQL's service file (optional)</source>
            <translation>Enw o ffeil wasanaethau PostgreSQL (dewisol)</translation>
        </message>
        <message>
            <source>Encryption (TLS)</source>
            <translation>Amgryptio (TLS)</translation>
        </message>
        <message>
            <source>Encryption</source>
            <translation>Amgryptio</translation>
        </message>
        <message>
            <source>Use TLS when the server offers it</source>
            <translation>Defnyddio TLS pan fydd y gweinydd yn ei gynnig</translation>
        </message>
        <message>
            <source>Require TLS</source>
            <translation>Mynnu TLS</translation>
        </message>
        <message>
            <source>Require TLS and check the certificate</source>
            <translation>Mynnu TLS a gwirio'r dystysgrif</translation>
        </message>
        <message>
            <source>Require TLS, check the certificate and the server's name</source>
            <translation>Mynnu TLS, gwirio'r dystysgrif ac enw'r gweinydd</translation>
        </message>
        <message>
            <source>Never use TLS</source>
            <translation>Peidio byth â defnyddio TLS</translation>
        </message>
        <message>
            <source>&amp;Encryption:</source>
            <translation>&amp;Amgryptio:</translation>
        </message>
        <message>
            <source>Root certificate file</source>
            <translation>Ffeil y dystysgrif wraidd</translation>
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation>&amp;Pori…</translation>
        </message>
        <message>
            <source>Choose the root certificate file</source>
            <translation>Dewis ffeil y dystysgrif wraidd</translation>
        </message>
        <message>
            <source>Root &amp;certificate:</source>
            <translation>&amp;Tystysgrif wraidd:</translation>
        </message>
        <message>
            <source>What the connection test found</source>
            <translation>Beth a ganfu prawf y cysylltiad</translation>
        </message>
        <message>
            <source>&amp;Test connection</source>
            <translation>&amp;Profi'r cysylltiad</translation>
        </message>
        <message>
            <source>C&amp;onnect</source>
            <translation>C&amp;ysylltu</translation>
        </message>
        <message>
            <source>The server's root certificate</source>
            <translation>Tystysgrif wraidd y gweinydd</translation>
        </message>
        <message>
            <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
            <translation>Tystysgrifau (*.crt *.pem *.cer);;Pob ffeil (*)</translation>
        </message>
        <message>
            <source>Give the database's name (or a service from PostgreSQL's service file).</source>
            <translation>Rhowch enw'r gronfa ddata (neu wasanaeth o ffeil wasanaethau PostgreSQL).</translation>
        </message>
        <message>
            <source>Trying {0}…</source>
            <translation>Yn rhoi cynnig ar {0}…</translation>
        </message>
    </context>
    <context>
        <name>Language</name>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Iaith</translation>
        </message>
        <message>
            <source>The system's language</source>
            <translation>Iaith y system</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Iaith</translation>
        </message>
        <message>
            <source>The language changes the next time you start Service Community.</source>
            <translation>Bydd yr iaith yn newid y tro nesaf y byddwch yn agor Service Community.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Connect to a &amp;team workspace…</source>
            <translation>Cysylltu â gweithle &amp;tîm…</translation>
        </message>
        <message>
            <source>Open a workspace your team shares on a PostgreSQL server</source>
            <translation>Agor gweithle y mae eich tîm yn ei rannu ar weinydd PostgreSQL</translation>
        </message>
    </context>
    <context>
        <name>NotesThread</name>
        <message>
            <source>Notes</source>
            <translation>Nodiadau</translation>
        </message>
        <message>
            <source>Notes, oldest first</source>
            <translation>Nodiadau, yr hynaf yn gyntaf</translation>
        </message>
        <message>
            <source>No notes yet.</source>
            <translation>Dim nodiadau eto.</translation>
        </message>
        <message>
            <source>New note</source>
            <translation>Nodyn newydd</translation>
        </message>
        <message>
            <source>Write a note… (Ctrl+Enter adds it)</source>
            <translation>Ysgrifennwch nodyn… (mae Ctrl+Enter yn ei ychwanegu)</translation>
        </message>
        <message>
            <source>Add note</source>
            <translation>Ychwanegu nodyn</translation>
        </message>
        <message>
            <source>Add the note to the thread (Ctrl+Enter)</source>
            <translation>Ychwanegu'r nodyn at yr edefyn (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Delete note</source>
            <translation>Dileu nodyn</translation>
        </message>
        <message>
            <source>Delete the chosen note</source>
            <translation>Dileu'r nodyn a ddewiswyd</translation>
        </message>
        <message>
            <source>Someone</source>
            <translation>Rhywun</translation>
        </message>
        <message>
            <source>{0} · {1}</source>
            <translation>{0} · {1}</translation>
        </message>
        <message numerus="yes">
            <source>Notes (%n)</source>
            <translation>
                <numerusform>Nodiadau (%n)</numerusform>
                <numerusform>Nodiadau (%n)</numerusform>
                <numerusform>Nodiadau (%n)</numerusform>
                <numerusform>Nodiadau (%n)</numerusform>
                <numerusform>Nodiadau (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>Write the note first.</source>
            <translation>Ysgrifennwch y nodyn yn gyntaf.</translation>
        </message>
    </context>
    <context>
        <name>StatusDialog</name>
        <message>
            <source>Change status</source>
            <translation>Newid statws</translation>
        </message>
        <message>
            <source>Why? (optional, goes in the blocker's history)</source>
            <translation>Pam? (dewisol, yn mynd i hanes y rhwystr)</translation>
        </message>
        <message>
            <source>Now: {0}</source>
            <translation>Nawr: {0}</translation>
        </message>
        <message>
            <source>New &amp;status</source>
            <translation>&amp;Statws newydd</translation>
        </message>
        <message>
            <source>&amp;Comment</source>
            <translation>S&amp;ylw</translation>
        </message>
    </context>
    <context>
        <name>Workspaces</name>
        <message>
            <source>Team workspace: {0}</source>
            <translation>Gweithle tîm: {0}</translation>
        </message>
    </context>
</TS>
