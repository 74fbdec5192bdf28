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
            <source>Service Community cannot open the workspace</source>
            <translation>Ni all Service Community agor y gweithle</translation>
        </message>
        <message>
            <source>The backup was not restored</source>
            <translation>Ni adferwyd y copi wrth gefn</translation>
        </message>
        <message>
            <source>Backup restored</source>
            <translation>Adferwyd y copi wrth gefn</translation>
        </message>
        <message>
            <source>New workspace</source>
            <translation>Gweithle newydd</translation>
        </message>
        <message>
            <source>The demo was not loaded</source>
            <translation>Ni lwythwyd y demo</translation>
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
            <source>{0} ({1})</source>
            <comment>a member and their organisation's short name</comment>
            <translation>{0} ({1})</translation>
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
        <name>About</name>
        <message>
            <source>About Service Community</source>
            <translation>Ynghylch Service Community</translation>
        </message>
        <message>
            <source>&lt;p&gt;Map an end-to-end public service with the organisations that own each step, find where the journey breaks, and keep the blockers moving.&lt;/p&gt;&lt;p&gt;Offline: a workspace is one file on this computer; maps travel as files.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Mapiwch wasanaeth cyhoeddus o'r dechrau i'r diwedd gyda'r sefydliadau sy'n berchen ar bob cam, dewch o hyd i'r mannau lle mae'r daith yn torri, a chadwch y rhwystrau i symud.&lt;/p&gt;&lt;p&gt;All-lein: un ffeil ar y cyfrifiadur hwn yw gweithle; mae mapiau'n teithio fel ffeiliau.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>ArrowLayer</name>
        <message>
            <source>Blocked</source>
            <translation>Wedi'i rwystro</translation>
        </message>
        <message>
            <source>Not agreed</source>
            <translation>Heb ei gytuno</translation>
        </message>
        <message>
            <source>or</source>
            <translation>neu</translation>
        </message>
        <message>
            <source>Hand-off</source>
            <translation>Trosglwyddiad</translation>
        </message>
    </context>
    <context>
        <name>BaseCommand</name>
        <message>
            <source>an unexpected error (the details are in the log).</source>
            <translation>gwall annisgwyl (mae'r manylion yn y log).</translation>
        </message>
        <message>
            <source>Could not undo “{0}”, so it was taken off the undo history: {1}</source>
            <translation>Methu â dadwneud “{0}”, felly fe'i tynnwyd oddi ar yr hanes dadwneud: {1}</translation>
        </message>
        <message>
            <source>Could not redo “{0}”, so it was taken off the undo history: {1}</source>
            <translation>Methu ag ailwneud “{0}”, felly fe'i tynnwyd oddi ar yr hanes dadwneud: {1}</translation>
        </message>
        <message>
            <source>{0} Part of it could not be put back; check the map.</source>
            <translation>{0} Nid oedd modd rhoi rhan ohono'n ôl; gwiriwch y map.</translation>
        </message>
        <message>
            <source>Delete journey “{0}”</source>
            <translation>Dileu'r daith “{0}”</translation>
        </message>
        <message>
            <source>Reorder stages</source>
            <translation>Aildrefnu cyfnodau</translation>
        </message>
        <message>
            <source>Copy journey as to-be</source>
            <translation>Copïo'r daith fel y bydd</translation>
        </message>
        <message>
            <source>Duplicate journey</source>
            <translation>Dyblygu'r daith</translation>
        </message>
        <message>
            <source>Reorder journeys</source>
            <translation>Aildrefnu teithiau</translation>
        </message>
        <message>
            <source>Change blocker status</source>
            <translation>Newid statws y rhwystr</translation>
        </message>
        <message>
            <source>Comment on blocker</source>
            <translation>Rhoi sylw ar rwystr</translation>
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
        <name>BlockerTrendChart</name>
        <message>
            <source>No blockers yet.</source>
            <translation>Dim rhwystrau eto.</translation>
        </message>
    </context>
    <context>
        <name>BlockersByOrganisationChart</name>
        <message>
            <source>No open blockers.</source>
            <translation>Dim rhwystrau agored.</translation>
        </message>
    </context>
    <context>
        <name>ChartView</name>
        <message>
            <source>A chart; the text under it says what it shows</source>
            <translation>Siart; mae'r testun oddi tano yn dweud beth mae'n ei ddangos</translation>
        </message>
    </context>
    <context>
        <name>ChartsPanel</name>
        <message>
            <source>Monthly volume (transactions a month)</source>
            <translation>Nifer misol (trafodion y mis)</translation>
        </message>
        <message>
            <source>Cost per transaction (£)</source>
            <translation>Cost fesul trafodiad (£)</translation>
        </message>
        <message>
            <source>User satisfaction (%)</source>
            <translation>Bodlonrwydd defnyddwyr (%)</translation>
        </message>
        <message>
            <source>Completion rate (%)</source>
            <translation>Cyfradd cwblhau (%)</translation>
        </message>
        <message>
            <source>Digital take-up (%)</source>
            <translation>Defnydd digidol (%)</translation>
        </message>
        <message>
            <source>Open blockers by organisation and severity</source>
            <translation>Rhwystrau agored fesul sefydliad a difrifoldeb</translation>
        </message>
        <message>
            <source>Open blockers</source>
            <translation>Rhwystrau agored</translation>
        </message>
        <message>
            <source>Open blockers: {0}, across owners: {1}. Hatching shows severity: dots low, single hatch medium, cross-hatch high, solid critical ({2} critical).</source>
            <translation>Rhwystrau agored: {0}, ar draws perchnogion: {1}. Mae'r llinellu yn dangos difrifoldeb: dotiau isel, llinellau sengl canolig, croeslinellau uchel, solet critigol ({2} critigol).</translation>
        </message>
        <message>
            <source>Blockers raised and resolved over time</source>
            <translation>Rhwystrau a godwyd ac a ddatryswyd dros amser</translation>
        </message>
        <message>
            <source>Blockers</source>
            <translation>Rhwystrau</translation>
        </message>
        <message>
            <source>Raised that month</source>
            <translation>Codwyd y mis hwnnw</translation>
        </message>
        <message>
            <source>Resolved or closed that month</source>
            <translation>Datryswyd neu caewyd y mis hwnnw</translation>
        </message>
        <message>
            <source>Still open at the month's end</source>
            <translation>Yn dal ar agor ar ddiwedd y mis</translation>
        </message>
        <message>
            <source>Since {0}: raised {1}, resolved or closed {2}; open now {3}. Solid bars raised, hatched bars resolved, dashed line open.</source>
            <translation>Ers {0}: codwyd {1}, datryswyd neu caewyd {2}; ar agor nawr {3}. Barrau solet: codwyd, barrau llinellog: datryswyd, llinell doriad: ar agor.</translation>
        </message>
        <message>
            <source>Volume and the four measures per step along the journey</source>
            <translation>Nifer a'r pedwar mesur ar gyfer pob cam ar hyd y daith</translation>
        </message>
        <message>
            <source>Step, in journey order (× not measured)</source>
            <translation>Cam, yn nhrefn y daith (× heb ei fesur)</translation>
        </message>
        <message>
            <source>Steps: {0}  … and {1} more</source>
            <translation>Camau: {0}  … a {1} arall</translation>
        </message>
        <message>
            <source>Steps: {0}</source>
            <translation>Camau: {0}</translation>
        </message>
        <message>
            <source>Hand-offs between organisations</source>
            <translation>Trosglwyddiadau rhwng sefydliadau</translation>
        </message>
        <message>
            <source>From (hands off)</source>
            <translation>O (yn trosglwyddo)</translation>
        </message>
        <message>
            <source>To (receives)</source>
            <translation>I (yn derbyn)</translation>
        </message>
        <message>
            <source>blocked {0}</source>
            <translation>wedi'u rhwystro {0}</translation>
        </message>
        <message>
            <source>not agreed {0}</source>
            <translation>heb eu cytuno {0}</translation>
        </message>
        <message>
            <source>Dependencies that cross from one organisation's step to another's: {0}; blocked {1}, not agreed {2}. Darker cells carry more hand-offs; the number in each cell is the count. The quietest organisations are gathered under Others.</source>
            <translation>Dibyniaethau sy'n croesi o gam un sefydliad i gam un arall: {0}; wedi'u rhwystro {1}, heb eu cytuno {2}. Mae celloedd tywyllach yn cario mwy o drosglwyddiadau; y rhif ym mhob cell yw'r cyfanswm. Mae'r sefydliadau tawelaf wedi'u casglu o dan Eraill.</translation>
        </message>
        <message>
            <source>Dependencies that cross from one organisation's step to another's: {0}; blocked {1}, not agreed {2}. Darker cells carry more hand-offs; the number in each cell is the count.</source>
            <translation>Dibyniaethau sy'n croesi o gam un sefydliad i gam un arall: {0}; wedi'u rhwystro {1}, heb eu cytuno {2}. Mae celloedd tywyllach yn cario mwy o drosglwyddiadau; y rhif ym mhob cell yw'r cyfanswm.</translation>
        </message>
        <message>
            <source>Export chart</source>
            <translation>Allforio'r siart</translation>
        </message>
        <message>
            <source>PNG image (*.png)</source>
            <translation>Delwedd PNG (*.png)</translation>
        </message>
        <message>
            <source>Charts</source>
            <translation>Siartiau</translation>
        </message>
        <message>
            <source>Which chart to show; left and right arrows choose</source>
            <translation>Pa siart i'w dangos; mae'r saethau chwith a de yn dewis</translation>
        </message>
        <message>
            <source>Blockers by organisation</source>
            <translation>Rhwystrau fesul sefydliad</translation>
        </message>
        <message>
            <source>Raised and resolved</source>
            <translation>Codwyd a datryswyd</translation>
        </message>
        <message>
            <source>Step measures</source>
            <translation>Mesurau'r camau</translation>
        </message>
        <message>
            <source>Hand-off matrix</source>
            <translation>Matrics trosglwyddiadau</translation>
        </message>
        <message>
            <source>Export PNG…</source>
            <translation>Allforio PNG…</translation>
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
        <message>
            <source>Finding</source>
            <translation>Canfyddiad</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>Cam</translation>
        </message>
        <message>
            <source>Channels</source>
            <translation>Sianeli</translation>
        </message>
        <message>
            <source>Open blockers</source>
            <translation>Rhwystrau agored</translation>
        </message>
        <message>
            <source>Hand-offs in</source>
            <translation>Trosglwyddiadau i mewn</translation>
        </message>
        <message>
            <source>Hand-offs out</source>
            <translation>Trosglwyddiadau allan</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Sefydliad</translation>
        </message>
        <message>
            <source>Short name</source>
            <translation>Enw byr</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Math</translation>
        </message>
        <message>
            <source>People</source>
            <translation>Pobl</translation>
        </message>
        <message>
            <source>Colour</source>
            <translation>Lliw</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Enw</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>Rôl</translation>
        </message>
        <message>
            <source>Sub-groups</source>
            <translation>Is-grwpiau</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>E-bost</translation>
        </message>
        <message>
            <source>Sub-group</source>
            <translation>Is-grŵp</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>Diben</translation>
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
        <name>CompareDialog</name>
        <message>
            <source>Steps</source>
            <translation>Camau</translation>
        </message>
        <message>
            <source>{0}: in both {1}, added {2}, removed {3}, moved to another owner {4}</source>
            <translation>{0}: yn y ddwy {1}, wedi'u hychwanegu {2}, wedi'u dileu {3}, wedi'u symud at berchennog arall {4}</translation>
        </message>
        <message>
            <source>Hand-offs</source>
            <translation>Trosglwyddiadau</translation>
        </message>
        <message>
            <source>Cross-organisation hand-offs</source>
            <translation>Trosglwyddiadau rhwng sefydliadau</translation>
        </message>
        <message>
            <source>Data items asked again</source>
            <translation>Eitemau data y gofynnir amdanynt eto</translation>
        </message>
        <message>
            <source>End-to-end time</source>
            <translation>Amser o'r dechrau i'r diwedd</translation>
        </message>
        <message>
            <source>&lt;p&gt;The two journeys have the same steps with the same owners.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Mae gan y ddwy daith yr un camau gyda'r un perchnogion.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Added</source>
            <translation>Wedi'u hychwanegu</translation>
        </message>
        <message>
            <source>Removed</source>
            <translation>Wedi'u dileu</translation>
        </message>
        <message>
            <source>Moved to another owner</source>
            <translation>Wedi'u symud at berchennog arall</translation>
        </message>
        <message>
            <source>No longer asked again</source>
            <translation>Ni ofynnir amdanynt eto mwyach</translation>
        </message>
        <message>
            <source>Newly asked again</source>
            <translation>Gofynnir amdanynt eto o'r newydd</translation>
        </message>
        <message>
            <source>Open blockers on removed steps</source>
            <translation>Rhwystrau agored ar gamau a ddilëwyd</translation>
        </message>
        <message>
            <source>Compare journeys: as-is and to-be</source>
            <translation>Cymharu teithiau: fel y mae ac fel y bydd</translation>
        </message>
        <message>
            <source>As-is journey</source>
            <translation>Taith fel y mae</translation>
        </message>
        <message>
            <source>To-be journey</source>
            <translation>Taith fel y bydd</translation>
        </message>
        <message>
            <source>Swap</source>
            <translation>Cyfnewid</translation>
        </message>
        <message>
            <source>Compare the other way round</source>
            <translation>Cymharu'r ffordd arall</translation>
        </message>
        <message>
            <source>As-is:</source>
            <translation>Fel y mae:</translation>
        </message>
        <message>
            <source>To-be:</source>
            <translation>Fel y bydd:</translation>
        </message>
        <message>
            <source>What changed</source>
            <translation>Beth a newidiodd</translation>
        </message>
        <message>
            <source>There are no journeys to compare yet.</source>
            <translation>Nid oes teithiau i'w cymharu eto.</translation>
        </message>
        <message>
            <source>Comparing the two journeys…</source>
            <translation>Yn cymharu'r ddwy daith…</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;i&gt;Choose two different journeys: this is one journey against itself.&lt;/i&gt;&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;i&gt;Dewiswch ddwy daith wahanol: dyma un daith yn erbyn ei hun.&lt;/i&gt;&lt;/p&gt;</translation>
        </message>
        <message>
            <source>The journeys could not be compared (the details are in the log).</source>
            <translation>Nid oedd modd cymharu'r teithiau (mae'r manylion yn y log).</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <source>Community</source>
            <translation>Cymuned</translation>
        </message>
        <message>
            <source>The community stays</source>
            <translation>Mae'r gymuned yn aros</translation>
        </message>
        <message>
            <source>The community is deleted</source>
            <translation>Dilëir y gymuned</translation>
        </message>
        <message>
            <source>&amp;Keep the community</source>
            <translation>&amp;Cadw'r gymuned</translation>
        </message>
        <message>
            <source>&amp;Delete the community for everyone</source>
            <translation>&amp;Dileu'r gymuned i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the community?</source>
            <translation>Cadw neu ddileu'r gymuned?</translation>
        </message>
        <message>
            <source>Nothing is settled: the community stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r gymuned yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the community kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld y gymuned wedi'i chadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddi.</translation>
        </message>
        <message>
            <source>The community is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir y gymuned yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei gweld wedi'i chadw, ac yna caiff ei dileu ar bob gliniadur, gyda'r newidiadau a wnaed iddi.</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Sefydliad</translation>
        </message>
        <message>
            <source>The organisation stays</source>
            <translation>Mae'r sefydliad yn aros</translation>
        </message>
        <message>
            <source>The organisation is deleted</source>
            <translation>Dilëir y sefydliad</translation>
        </message>
        <message>
            <source>&amp;Keep the organisation</source>
            <translation>&amp;Cadw'r sefydliad</translation>
        </message>
        <message>
            <source>&amp;Delete the organisation for everyone</source>
            <translation>&amp;Dileu'r sefydliad i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the organisation?</source>
            <translation>Cadw neu ddileu'r sefydliad?</translation>
        </message>
        <message>
            <source>Nothing is settled: the organisation stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r sefydliad yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the organisation kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld y sefydliad wedi'i gadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>The organisation is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir y sefydliad yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei weld wedi'i gadw, ac yna caiff ei ddileu ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>Sub-group</source>
            <translation>Is-grŵp</translation>
        </message>
        <message>
            <source>The sub-group stays</source>
            <translation>Mae'r is-grŵp yn aros</translation>
        </message>
        <message>
            <source>The sub-group is deleted</source>
            <translation>Dilëir yr is-grŵp</translation>
        </message>
        <message>
            <source>&amp;Keep the sub-group</source>
            <translation>&amp;Cadw'r is-grŵp</translation>
        </message>
        <message>
            <source>&amp;Delete the sub-group for everyone</source>
            <translation>&amp;Dileu'r is-grŵp i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the sub-group?</source>
            <translation>Cadw neu ddileu'r is-grŵp?</translation>
        </message>
        <message>
            <source>Nothing is settled: the sub-group stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r is-grŵp yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the sub-group kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld yr is-grŵp wedi'i gadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>The sub-group is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir yr is-grŵp yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei weld wedi'i gadw, ac yna caiff ei ddileu ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>Member</source>
            <translation>Aelod</translation>
        </message>
        <message>
            <source>The member stays</source>
            <translation>Mae'r aelod yn aros</translation>
        </message>
        <message>
            <source>The member is deleted</source>
            <translation>Dilëir yr aelod</translation>
        </message>
        <message>
            <source>&amp;Keep the member</source>
            <translation>&amp;Cadw'r aelod</translation>
        </message>
        <message>
            <source>&amp;Delete the member for everyone</source>
            <translation>&amp;Dileu'r aelod i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the member?</source>
            <translation>Cadw neu ddileu'r aelod?</translation>
        </message>
        <message>
            <source>Nothing is settled: the member stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r aelod yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the member kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld yr aelod wedi'i gadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>The member is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir yr aelod yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei weld wedi'i gadw, ac yna caiff ei ddileu ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>Data item</source>
            <translation>Eitem ddata</translation>
        </message>
        <message>
            <source>The data item stays</source>
            <translation>Mae'r eitem ddata yn aros</translation>
        </message>
        <message>
            <source>The data item is deleted</source>
            <translation>Dilëir yr eitem ddata</translation>
        </message>
        <message>
            <source>&amp;Keep the data item</source>
            <translation>&amp;Cadw'r eitem ddata</translation>
        </message>
        <message>
            <source>&amp;Delete the data item for everyone</source>
            <translation>&amp;Dileu'r eitem ddata i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the data item?</source>
            <translation>Cadw neu ddileu'r eitem ddata?</translation>
        </message>
        <message>
            <source>Nothing is settled: the data item stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r eitem ddata yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the data item kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld yr eitem ddata wedi'i chadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddi.</translation>
        </message>
        <message>
            <source>The data item is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir yr eitem ddata yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei gweld wedi'i chadw, ac yna caiff ei dileu ar bob gliniadur, gyda'r newidiadau a wnaed iddi.</translation>
        </message>
        <message>
            <source>Journey</source>
            <translation>Taith</translation>
        </message>
        <message>
            <source>The journey stays</source>
            <translation>Mae'r daith yn aros</translation>
        </message>
        <message>
            <source>The journey is deleted</source>
            <translation>Dilëir y daith</translation>
        </message>
        <message>
            <source>&amp;Keep the journey</source>
            <translation>&amp;Cadw'r daith</translation>
        </message>
        <message>
            <source>&amp;Delete the journey for everyone</source>
            <translation>&amp;Dileu'r daith i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the journey?</source>
            <translation>Cadw neu ddileu'r daith?</translation>
        </message>
        <message>
            <source>Nothing is settled: the journey stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r daith yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the journey kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld y daith wedi'i chadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddi.</translation>
        </message>
        <message>
            <source>The journey is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir y daith yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei gweld wedi'i chadw, ac yna caiff ei dileu ar bob gliniadur, gyda'r newidiadau a wnaed iddi.</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Cyfnod</translation>
        </message>
        <message>
            <source>The stage stays</source>
            <translation>Mae'r cyfnod yn aros</translation>
        </message>
        <message>
            <source>The stage is deleted</source>
            <translation>Dilëir y cyfnod</translation>
        </message>
        <message>
            <source>&amp;Keep the stage</source>
            <translation>&amp;Cadw'r cyfnod</translation>
        </message>
        <message>
            <source>&amp;Delete the stage for everyone</source>
            <translation>&amp;Dileu'r cyfnod i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the stage?</source>
            <translation>Cadw neu ddileu'r cyfnod?</translation>
        </message>
        <message>
            <source>Nothing is settled: the stage stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r cyfnod yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the stage kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld y cyfnod wedi'i gadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>The stage is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir y cyfnod yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei weld wedi'i gadw, ac yna caiff ei ddileu ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>Cam</translation>
        </message>
        <message>
            <source>The step stays</source>
            <translation>Mae'r cam yn aros</translation>
        </message>
        <message>
            <source>The step is deleted</source>
            <translation>Dilëir y cam</translation>
        </message>
        <message>
            <source>&amp;Keep the step</source>
            <translation>&amp;Cadw'r cam</translation>
        </message>
        <message>
            <source>&amp;Delete the step for everyone</source>
            <translation>&amp;Dileu'r cam i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the step?</source>
            <translation>Cadw neu ddileu'r cam?</translation>
        </message>
        <message>
            <source>Nothing is settled: the step stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r cam yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the step kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld y cam wedi'i gadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>The step is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir y cam yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei weld wedi'i gadw, ac yna caiff ei ddileu ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>Hand-off</source>
            <translation>Trosglwyddiad</translation>
        </message>
        <message>
            <source>The hand-off stays</source>
            <translation>Mae'r trosglwyddiad yn aros</translation>
        </message>
        <message>
            <source>The hand-off is deleted</source>
            <translation>Dilëir y trosglwyddiad</translation>
        </message>
        <message>
            <source>&amp;Keep the hand-off</source>
            <translation>&amp;Cadw'r trosglwyddiad</translation>
        </message>
        <message>
            <source>&amp;Delete the hand-off for everyone</source>
            <translation>&amp;Dileu'r trosglwyddiad i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the hand-off?</source>
            <translation>Cadw neu ddileu'r trosglwyddiad?</translation>
        </message>
        <message>
            <source>Nothing is settled: the hand-off stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r trosglwyddiad yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the hand-off kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld y trosglwyddiad wedi'i gadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>The hand-off is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir y trosglwyddiad yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei weld wedi'i gadw, ac yna caiff ei ddileu ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>Workshop</source>
            <translation>Gweithdy</translation>
        </message>
        <message>
            <source>The workshop stays</source>
            <translation>Mae'r gweithdy yn aros</translation>
        </message>
        <message>
            <source>The workshop is deleted</source>
            <translation>Dilëir y gweithdy</translation>
        </message>
        <message>
            <source>&amp;Keep the workshop</source>
            <translation>&amp;Cadw'r gweithdy</translation>
        </message>
        <message>
            <source>&amp;Delete the workshop for everyone</source>
            <translation>&amp;Dileu'r gweithdy i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the workshop?</source>
            <translation>Cadw neu ddileu'r gweithdy?</translation>
        </message>
        <message>
            <source>Nothing is settled: the workshop stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r gweithdy yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the workshop kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld y gweithdy wedi'i gadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>The workshop is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir y gweithdy yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei weld wedi'i gadw, ac yna caiff ei ddileu ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>Blocker</source>
            <translation>Rhwystr</translation>
        </message>
        <message>
            <source>The blocker stays</source>
            <translation>Mae'r rhwystr yn aros</translation>
        </message>
        <message>
            <source>The blocker is deleted</source>
            <translation>Dilëir y rhwystr</translation>
        </message>
        <message>
            <source>&amp;Keep the blocker</source>
            <translation>&amp;Cadw'r rhwystr</translation>
        </message>
        <message>
            <source>&amp;Delete the blocker for everyone</source>
            <translation>&amp;Dileu'r rhwystr i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the blocker?</source>
            <translation>Cadw neu ddileu'r rhwystr?</translation>
        </message>
        <message>
            <source>Nothing is settled: the blocker stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r rhwystr yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the blocker kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld y rhwystr wedi'i gadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>The blocker is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir y rhwystr yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei weld wedi'i gadw, ac yna caiff ei ddileu ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>Blocker update</source>
            <translation>Diweddariad rhwystr</translation>
        </message>
        <message>
            <source>The blocker update stays</source>
            <translation>Mae'r diweddariad rhwystr yn aros</translation>
        </message>
        <message>
            <source>The blocker update is deleted</source>
            <translation>Dilëir y diweddariad rhwystr</translation>
        </message>
        <message>
            <source>&amp;Keep the blocker update</source>
            <translation>&amp;Cadw'r diweddariad rhwystr</translation>
        </message>
        <message>
            <source>&amp;Delete the blocker update for everyone</source>
            <translation>&amp;Dileu'r diweddariad rhwystr i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the blocker update?</source>
            <translation>Cadw neu ddileu'r diweddariad rhwystr?</translation>
        </message>
        <message>
            <source>Nothing is settled: the blocker update stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r diweddariad rhwystr yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the blocker update kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld y diweddariad rhwystr wedi'i gadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>The blocker update is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir y diweddariad rhwystr yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei weld wedi'i gadw, ac yna caiff ei ddileu ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Nodyn</translation>
        </message>
        <message>
            <source>The note stays</source>
            <translation>Mae'r nodyn yn aros</translation>
        </message>
        <message>
            <source>The note is deleted</source>
            <translation>Dilëir y nodyn</translation>
        </message>
        <message>
            <source>&amp;Keep the note</source>
            <translation>&amp;Cadw'r nodyn</translation>
        </message>
        <message>
            <source>&amp;Delete the note for everyone</source>
            <translation>&amp;Dileu'r nodyn i bawb</translation>
        </message>
        <message>
            <source>Keep or delete the note?</source>
            <translation>Cadw neu ddileu'r nodyn?</translation>
        </message>
        <message>
            <source>Nothing is settled: the note stays on every laptop, and the deletion waits until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae'r nodyn yn aros ar bob gliniadur, ac mae'r dilead yn aros nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see the note kept, with the deletion waiting. Then it stays on every laptop, with the changes made to it.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld y nodyn wedi'i gadw, gyda'r dilead yn aros. Yna mae'n aros ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>The note is deleted here now. Your choice goes to everyone in your next bundle; until then they see it kept, and then it is deleted on every laptop, with the changes made to it.</source>
            <translation>Dilëir y nodyn yma nawr. Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n ei weld wedi'i gadw, ac yna caiff ei ddileu ar bob gliniadur, gyda'r newidiadau a wnaed iddo.</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Ie</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Na</translation>
        </message>
        <message>
            <source>time unknown</source>
            <translation>amser anhysbys</translation>
        </message>
        <message>
            <source>this laptop</source>
            <translation>y gliniadur hwn</translation>
        </message>
        <message>
            <source>deleted by {0} while it was changed elsewhere</source>
            <translation>dilëwyd gan {0} tra oedd yn cael ei newid mewn man arall</translation>
        </message>
        <message>
            <source>changed on two laptops, neither having seen the other's change</source>
            <translation>newidiwyd ar ddau liniadur, heb i'r naill weld newid y llall</translation>
        </message>
        <message>
            <source>{0}: {1}</source>
            <translation>{0}: {1}</translation>
        </message>
        <message>
            <source>Deleted or kept</source>
            <translation>Wedi'i ddileu neu ei gadw</translation>
        </message>
        <message>
            <source>Included</source>
            <translation>Wedi'i gynnwys</translation>
        </message>
        <message>
            <source>Not included</source>
            <translation>Heb ei gynnwys</translation>
        </message>
        <message>
            <source>(empty)</source>
            <translation>(gwag)</translation>
        </message>
        <message>
            <source>keeping it loses nothing: it can still be deleted afterwards</source>
            <translation>nid yw ei gadw'n colli dim: gellir ei ddileu wedyn o hyd</translation>
        </message>
        <message>
            <source>the later change (by the laptops' clocks)</source>
            <translation>y newid diweddarach (yn ôl clociau'r gliniaduron)</translation>
        </message>
        <message>
            <source>the one every laptop shows now (both were changed within a minute)</source>
            <translation>yr un y mae pob gliniadur yn ei ddangos nawr (newidiwyd y ddau o fewn munud)</translation>
        </message>
        <message>
            <source>Decide &amp;later</source>
            <translation>Penderfynu'n &amp;nes ymlaen</translation>
        </message>
        <message>
            <source>Keep &amp;both, one after the other</source>
            <translation>Cadw'r &amp;ddau, y naill ar ôl y llall</translation>
        </message>
        <message>
            <source>Keep &amp;yours</source>
            <translation>Cadw'ch &amp;un chi</translation>
        </message>
        <message>
            <source>Keep &amp;theirs, from {0}</source>
            <translation>Cadw'u &amp;hun nhw, gan {0}</translation>
        </message>
        <message>
            <source>Keep the &amp;value shown now, from {0}</source>
            <translation>Cadw'r &amp;gwerth a ddangosir nawr, gan {0}</translation>
        </message>
        <message>
            <source>Keep the &amp;other value, from {0}</source>
            <translation>Cadw'r gwerth &amp;arall, gan {0}</translation>
        </message>
        <message>
            <source>Kept for now</source>
            <translation>Wedi'i gadw am y tro</translation>
        </message>
        <message>
            <source>Deleted by {0}</source>
            <translation>Dilëwyd gan {0}</translation>
        </message>
        <message>
            <source>Yours — {0}</source>
            <translation>Eich un chi — {0}</translation>
        </message>
        <message>
            <source>Theirs — {0}</source>
            <translation>Eu hun nhw — {0}</translation>
        </message>
        <message>
            <source>Shown now — {0}</source>
            <translation>Yn cael ei ddangos nawr — {0}</translation>
        </message>
        <message>
            <source>Also kept — {0}</source>
            <translation>Wedi'i gadw hefyd — {0}</translation>
        </message>
        <message>
            <source>Changed while it was deleted elsewhere</source>
            <translation>Newidiwyd tra oedd yn cael ei ddileu mewn man arall</translation>
        </message>
        <message>
            <source>Deleted {0}</source>
            <translation>Dilëwyd {0}</translation>
        </message>
        <message>
            <source>Changed {0}</source>
            <translation>Newidiwyd {0}</translation>
        </message>
        <message>
            <source>Changed at a time unknown</source>
            <translation>Newidiwyd ar amser anhysbys</translation>
        </message>
        <message>
            <source>Shown now on every laptop</source>
            <translation>Yn cael ei ddangos nawr ar bob gliniadur</translation>
        </message>
        <message>
            <source>Kept beside it, not shown</source>
            <translation>Wedi'i gadw wrth ei ochr, heb ei ddangos</translation>
        </message>
        <message>
            <source>Yours</source>
            <translation>Eich un chi</translation>
        </message>
        <message>
            <source>Theirs</source>
            <translation>Eu hun nhw</translation>
        </message>
        <message>
            <source>The one shown</source>
            <translation>Yr un a ddangosir</translation>
        </message>
        <message>
            <source>The other</source>
            <translation>Y llall</translation>
        </message>
        <message>
            <source>Both</source>
            <translation>Y ddau</translation>
        </message>
        <message>
            <source>Keep it</source>
            <translation>Ei gadw</translation>
        </message>
        <message>
            <source>Delete it</source>
            <translation>Ei ddileu</translation>
        </message>
        <message>
            <source>Later</source>
            <translation>Yn nes ymlaen</translation>
        </message>
        <message>
            <source>Nothing is settled: everyone who has both changes sees {0}, and both values are kept until someone chooses (here under Community &gt; Conflicts…, or on another laptop).</source>
            <translation>Does dim wedi'i setlo: mae pawb sydd â'r ddau newid yn gweld {0}, a chedwir y ddau werth nes i rywun ddewis (yma o dan Cymuned &gt; Gwrthdaro…, neu ar liniadur arall).</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see {0}. Then everyone sees both texts as one: {1}.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld {0}. Yna mae pawb yn gweld y ddau destun fel un: {1}.</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see {0}, as now. Then it is settled everywhere, and your {1} is no longer kept.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld {0}, fel nawr. Yna caiff ei setlo ym mhobman, ac ni chedwir eich {1} chi mwyach.</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see {0}, as now. Then it is settled everywhere, and {1}, from {2}, is no longer kept.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld {0}, fel nawr. Yna caiff ei setlo ym mhobman, ac ni chedwir {1}, gan {2}, mwyach.</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see {0}. Then everyone sees {1}, in place of your {0}.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld {0}. Yna mae pawb yn gweld {1}, yn lle eich {0} chi.</translation>
        </message>
        <message>
            <source>Your choice goes to everyone in your next bundle; until then they see {0}. Then everyone sees {1}, in place of {0}, from {2}.</source>
            <translation>Mae'ch dewis yn mynd i bawb yn eich bwndel nesaf; tan hynny maen nhw'n gweld {0}. Yna mae pawb yn gweld {1}, yn lle {0}, gan {2}.</translation>
        </message>
        <message>
            <source>Conflicts: choose what to keep</source>
            <translation>Gwrthdaro: dewiswch beth i'w gadw</translation>
        </message>
        <message numerus="yes">
            <source>&lt;b&gt;%n change(s) (clashes|clash)&lt;/b&gt;: two members changed the same thing without seeing each other's change. Both values are kept, and every laptop shows the same one until someone chooses.</source>
            <translation>
                <numerusform>&lt;b&gt;Newidiadau sy'n gwrthdaro: %n&lt;/b&gt;. Newidiodd dau aelod yr un peth heb weld newid ei gilydd. Mae'r ddau werth yn cael eu cadw, ac mae pob gliniadur yn dangos yr un un nes bydd rhywun yn dewis.</numerusform>
                <numerusform>&lt;b&gt;Newidiadau sy'n gwrthdaro: %n&lt;/b&gt;. Newidiodd dau aelod yr un peth heb weld newid ei gilydd. Mae'r ddau werth yn cael eu cadw, ac mae pob gliniadur yn dangos yr un un nes bydd rhywun yn dewis.</numerusform>
                <numerusform>&lt;b&gt;Newidiadau sy'n gwrthdaro: %n&lt;/b&gt;. Newidiodd dau aelod yr un peth heb weld newid ei gilydd. Mae'r ddau werth yn cael eu cadw, ac mae pob gliniadur yn dangos yr un un nes bydd rhywun yn dewis.</numerusform>
                <numerusform>&lt;b&gt;Newidiadau sy'n gwrthdaro: %n&lt;/b&gt;. Newidiodd dau aelod yr un peth heb weld newid ei gilydd. Mae'r ddau werth yn cael eu cadw, ac mae pob gliniadur yn dangos yr un un nes bydd rhywun yn dewis.</numerusform>
                <numerusform>&lt;b&gt;Newidiadau sy'n gwrthdaro: %n&lt;/b&gt;. Newidiodd dau aelod yr un peth heb weld newid ei gilydd. Mae'r ddau werth yn cael eu cadw, ac mae pob gliniadur yn dangos yr un un nes bydd rhywun yn dewis.</numerusform>
            </translation>
        </message>
        <message>
            <source>Conflict</source>
            <translation>Gwrthdaro</translation>
        </message>
        <message>
            <source>Your choice</source>
            <translation>Eich dewis</translation>
        </message>
        <message>
            <source>Conflicts to settle</source>
            <translation>Gwrthdaro i'w setlo</translation>
        </message>
        <message>
            <source>Up and down arrows move between conflicts; Tab goes to the choices</source>
            <translation>Mae'r saethau i fyny ac i lawr yn symud rhwng gwrthdaro; mae Tab yn mynd i'r dewisiadau</translation>
        </message>
        <message>
            <source>{0}
{1} · {2}</source>
            <translation>{0}
{1} · {2}</translation>
        </message>
        <message>
            <source>Keep which</source>
            <translation>Cadw pa un</translation>
        </message>
        <message>
            <source>Use &amp;recommended for all</source>
            <translation>Defnyddio'r &amp;argymhelliad ar gyfer pob un</translation>
        </message>
        <message>
            <source>Use the recommended choice for every conflict</source>
            <translation>Defnyddio'r dewis a argymhellir ar gyfer pob gwrthdaro</translation>
        </message>
        <message>
            <source>&amp;Close: decide all later</source>
            <translation>&amp;Cau: penderfynu ar y cyfan yn nes ymlaen</translation>
        </message>
        <message>
            <source>Close and decide every conflict later</source>
            <translation>Cau a phenderfynu ar bob gwrthdaro yn nes ymlaen</translation>
        </message>
        <message>
            <source>Nothing is settled; Community &gt; Conflicts… brings this back (Esc)</source>
            <translation>Does dim wedi'i setlo; mae Cymuned &gt; Gwrthdaro… yn dod â hwn yn ôl (Esc)</translation>
        </message>
        <message>
            <source>{0} — {1}.</source>
            <translation>{0} — {1}.</translation>
        </message>
        <message>
            <source>{0} (recommended)</source>
            <translation>{0} (argymhellir)</translation>
        </message>
        <message>
            <source>Keep which value: {0}?</source>
            <translation>Pa werth i'w gadw: {0}?</translation>
        </message>
        <message>
            <source>&lt;b&gt;Recommended: {0}&lt;/b&gt;, {1}.</source>
            <translation>&lt;b&gt;Argymhellir: {0}&lt;/b&gt;, {1}.</translation>
        </message>
        <message numerus="yes">
            <source>&amp;Settle %n as chosen</source>
            <translation>
                <numerusform>&amp;Setlo %n fel y dewiswyd</numerusform>
                <numerusform>&amp;Setlo %n fel y dewiswyd</numerusform>
                <numerusform>&amp;Setlo %n fel y dewiswyd</numerusform>
                <numerusform>&amp;Setlo %n fel y dewiswyd</numerusform>
                <numerusform>&amp;Setlo %n fel y dewiswyd</numerusform>
            </translation>
        </message>
        <message>
            <source>&amp;Settle none now</source>
            <translation>&amp;Setlo dim nawr</translation>
        </message>
        <message numerus="yes">
            <source>%n conflict(s) settled: your next bundle takes (it|them) to the others.</source>
            <translation>
                <numerusform>%n gwrthdaro wedi'u setlo: mae'ch bwndel nesaf yn mynd â nhw at y lleill.</numerusform>
                <numerusform>%n gwrthdaro wedi'i setlo: mae'ch bwndel nesaf yn mynd ag ef at y lleill.</numerusform>
                <numerusform>%n wrthdaro wedi'u setlo: mae'ch bwndel nesaf yn mynd â nhw at y lleill.</numerusform>
                <numerusform>%n gwrthdaro wedi'u setlo: mae'ch bwndel nesaf yn mynd â nhw at y lleill.</numerusform>
                <numerusform>%n gwrthdaro wedi'u setlo: mae'ch bwndel nesaf yn mynd â nhw at y lleill.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n left for later, both values kept (Community &gt; Conflicts… when you are ready).</source>
            <translation>
                <numerusform>%n wedi'u gadael tan yn nes ymlaen, gyda'r ddau werth wedi'u cadw (Cymuned &gt; Gwrthdaro… pan fyddwch yn barod).</numerusform>
                <numerusform>%n wedi'i adael tan yn nes ymlaen, gyda'r ddau werth wedi'u cadw (Cymuned &gt; Gwrthdaro… pan fyddwch yn barod).</numerusform>
                <numerusform>%n wedi'u gadael tan yn nes ymlaen, gyda'r ddau werth wedi'u cadw (Cymuned &gt; Gwrthdaro… pan fyddwch yn barod).</numerusform>
                <numerusform>%n wedi'u gadael tan yn nes ymlaen, gyda'r ddau werth wedi'u cadw (Cymuned &gt; Gwrthdaro… pan fyddwch yn barod).</numerusform>
                <numerusform>%n wedi'u gadael tan yn nes ymlaen, gyda'r ddau werth wedi'u cadw (Cymuned &gt; Gwrthdaro… pan fyddwch yn barod).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ConnectDialog</name>
        <message>
            <source>this computer</source>
            <translation>y cyfrifiadur hwn</translation>
        </message>
        <message>
            <source>{0} on {1}</source>
            <translation>{0} ar {1}</translation>
        </message>
        <message>
            <source>The keyring package is not installed, so the password cannot be remembered.</source>
            <translation>Nid yw'r pecyn keyring wedi'i osod, felly ni ellir cofio'r cyfrinair.</translation>
        </message>
        <message>
            <source>This computer has no keyring available, so the password cannot be remembered; PostgreSQL's password file (~/.pgpass) can hold it instead.</source>
            <translation>Nid oes cylch allweddi ar gael ar y cyfrifiadur hwn, felly ni ellir cofio'r cyfrinair; gall ffeil cyfrineiriau PostgreSQL (~/.pgpass) ei ddal yn lle hynny.</translation>
        </message>
        <message>
            <source>This computer's keyring keeps passwords in a plain file, so the password is not stored there; PostgreSQL's password file (~/.pgpass) can hold it instead.</source>
            <translation>Mae cylch allweddi'r cyfrifiadur hwn yn cadw cyfrineiriau mewn ffeil blaen, felly ni chedwir y cyfrinair yno; gall ffeil cyfrineiriau PostgreSQL (~/.pgpass) ei ddal yn lle hynny.</translation>
        </message>
        <message>
            <source>The keyring refused to store the password ({0}), so it was not remembered.</source>
            <translation>Gwrthododd y cylch allweddi gadw'r cyfrinair ({0}), felly ni chafodd ei gofio.</translation>
        </message>
        <message>
            <source>no answer</source>
            <translation>dim ateb</translation>
        </message>
        <message>
            <source>The server refused the password for {0} (or has no such user); check both and try again.</source>
            <translation>Gwrthododd y gweinydd y cyfrinair ar gyfer {0} (neu nid oes ganddo'r defnyddiwr hwnnw); gwiriwch y ddau a rhowch gynnig arall arni.</translation>
        </message>
        <message>
            <source>The server asks for {0}'s password: type it, or add it to PostgreSQL's password file (~/.pgpass).</source>
            <translation>Mae'r gweinydd yn gofyn am gyfrinair {0}: teipiwch ef, neu ei ychwanegu at ffeil cyfrineiriau PostgreSQL (~/.pgpass).</translation>
        </message>
        <message>
            <source>The server has no database called {0}; check the name with its hosting team.</source>
            <translation>Nid oes gan y gweinydd gronfa ddata o'r enw {0}; gwiriwch yr enw gyda'r tîm sy'n ei letya.</translation>
        </message>
        <message>
            <source>The server does not let {0} connect to {1} from this computer (its pg_hba.conf); ask its hosting team.</source>
            <translation>Nid yw'r gweinydd yn gadael i {0} gysylltu â {1} o'r cyfrifiadur hwn (ei pg_hba.conf); gofynnwch i'r tîm sy'n ei letya.</translation>
        </message>
        <message>
            <source>The secure (TLS) connection failed: {0}; check the encryption setting and the root certificate.</source>
            <translation>Methodd y cysylltiad diogel (TLS): {0}; gwiriwch y gosodiad amgryptio a'r dystysgrif wraidd.</translation>
        </message>
        <message>
            <source>Cannot reach a server at {0}: check the host and port, and that the server is running and lets this computer in.</source>
            <translation>Ni ellir cyrraedd gweinydd yn {0}: gwiriwch y gwesteiwr a'r porth, a bod y gweinydd yn rhedeg ac yn gadael y cyfrifiadur hwn i mewn.</translation>
        </message>
        <message>
            <source>The server refused the connection: {0}.</source>
            <translation>Gwrthododd y gweinydd y cysylltiad: {0}.</translation>
        </message>
        <message>
            <source>the service {0}</source>
            <translation>y gwasanaeth {0}</translation>
        </message>
        <message>
            <source>Connected, but could not read {0}: {1}.</source>
            <translation>Wedi cysylltu, ond methwyd â darllen {0}: {1}.</translation>
        </message>
        <message>
            <source>Connected: {0} holds no workspace yet; Connect offers to make one there (as 'servicecommunity init' does).</source>
            <translation>Wedi cysylltu: nid oes gweithle yn {0} eto; mae Cysylltu yn cynnig creu un yno (fel y mae 'servicecommunity init' yn ei wneud).</translation>
        </message>
        <message>
            <source>Connected, but {0} holds another program's tables, not a Service Community workspace; give an empty database or a workspace's.</source>
            <translation>Wedi cysylltu, ond mae {0} yn dal tablau rhaglen arall, nid gweithle Service Community; rhowch gronfa ddata wag neu un gweithle.</translation>
        </message>
        <message>
            <source>Connected, but {0} was made by a newer version of Service Community; update the app to open it.</source>
            <translation>Wedi cysylltu, ond gwnaed {0} gan fersiwn mwy newydd o Service Community; diweddarwch yr ap i'w agor.</translation>
        </message>
        <message>
            <source>Connected to the workspace {0} as {1}.</source>
            <translation>Wedi cysylltu â'r gweithle {0} fel {1}.</translation>
        </message>
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
        <name>CornerLabel</name>
        <message>
            <source>Owner ↓  Stage →</source>
            <translation>Perchennog ↓  Cyfnod →</translation>
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <source>Something went wrong inside Service Community. Every change you made before this is saved in the workspace; if it happens again, send the details to whoever looks after the app.</source>
            <translation>Aeth rhywbeth o'i le y tu mewn i Service Community. Mae pob newid a wnaethoch cyn hyn wedi'i gadw yn y gweithle; os bydd yn digwydd eto, anfonwch y manylion at bwy bynnag sy'n gofalu am yr ap.</translation>
        </message>
        <message>
            <source>Service Community: something went wrong</source>
            <translation>Service Community: aeth rhywbeth o'i le</translation>
        </message>
        <message>
            <source>The log is {0}.</source>
            <translation>Y log yw {0}.</translation>
        </message>
        <message>
            <source>No log is being written (the log folder could not be written to).</source>
            <translation>Nid oes log yn cael ei ysgrifennu (nid oedd modd ysgrifennu i ffolder y log).</translation>
        </message>
        <message>
            <source>Show details</source>
            <translation>Dangos y manylion</translation>
        </message>
        <message>
            <source>&amp;Copy details</source>
            <translation>&amp;Copïo'r manylion</translation>
        </message>
        <message>
            <source>Copied</source>
            <translation>Wedi'i gopïo</translation>
        </message>
        <message>
            <source>Hide details</source>
            <translation>Cuddio'r manylion</translation>
        </message>
    </context>
    <context>
        <name>Dates</name>
        <message>
            <source>{0}, {1}</source>
            <comment>a day, then a time of day</comment>
            <translation>{0}, {1}</translation>
        </message>
    </context>
    <context>
        <name>EmotionCurve</name>
        <message>
            <source>Delighted</source>
            <translation>Wrth ei fodd</translation>
        </message>
        <message>
            <source>Happy</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Neutral</source>
            <translation>Niwtral</translation>
        </message>
        <message>
            <source>Unhappy</source>
            <translation>Anhapus</translation>
        </message>
        <message>
            <source>Distressed</source>
            <translation>Gofidus</translation>
        </message>
        <message>
            <source>Emotion curve</source>
            <translation>Cromlin emosiwn</translation>
        </message>
        <message>
            <source>Emotion curve: how the user feels at each step</source>
            <translation>Cromlin emosiwn: sut mae'r defnyddiwr yn teimlo ym mhob cam</translation>
        </message>
        <message>
            <source>How the user feels</source>
            <translation>Sut mae'r defnyddiwr yn teimlo</translation>
        </message>
        <message>
            <source>a step</source>
            <translation>cam</translation>
        </message>
        <message>
            <source>a step with pain points</source>
            <translation>cam â phwyntiau poen</translation>
        </message>
        <message>
            <source>the stage's average</source>
            <translation>cyfartaledd y cyfnod</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>The export will hold OFFICIAL-SENSITIVE blockers and their notes, and be marked OFFICIAL-SENSITIVE. Share it only with people who need to know, by a channel approved for sensitive information.</source>
            <translation>Bydd yr allforyn yn cynnwys rhwystrau OFFICIAL-SENSITIVE a'u nodiadau, a bydd wedi'i farcio'n OFFICIAL-SENSITIVE. Rhannwch ef dim ond â phobl y mae angen iddynt wybod, drwy sianel a gymeradwywyd ar gyfer gwybodaeth sensitif.</translation>
        </message>
        <message>
            <source>Bundles (*.json)</source>
            <translation>Bwndeli (*.json)</translation>
        </message>
        <message>
            <source>ZIP of CSV files (*.zip)</source>
            <translation>ZIP o ffeiliau CSV (*.zip)</translation>
        </message>
        <message>
            <source>Excel workbooks (*.xlsx)</source>
            <translation>Llyfrau gwaith Excel (*.xlsx)</translation>
        </message>
        <message>
            <source>Web pages (*.html)</source>
            <translation>Tudalennau gwe (*.html)</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>Dogfennau PDF (*.pdf)</translation>
        </message>
        <message>
            <source>SVG images (*.svg)</source>
            <translation>Delweddau SVG (*.svg)</translation>
        </message>
        <message>
            <source>PNG images (*.png)</source>
            <translation>Delweddau PNG (*.png)</translation>
        </message>
        <message>
            <source>BPMN diagrams (*.bpmn)</source>
            <translation>Diagramau BPMN (*.bpmn)</translation>
        </message>
        <message>
            <source>GraphML graphs (*.graphml)</source>
            <translation>Graffiau GraphML (*.graphml)</translation>
        </message>
        <message>
            <source>Mermaid flowcharts (*.mmd)</source>
            <translation>Siartiau llif Mermaid (*.mmd)</translation>
        </message>
        <message>
            <source>Markdown documents (*.md)</source>
            <translation>Dogfennau Markdown (*.md)</translation>
        </message>
        <message>
            <source>For another member to import and merge. Holds member email addresses, as a bundle must.</source>
            <translation>I aelod arall ei fewnforio a'i gyfuno. Mae'n cynnwys cyfeiriadau e-bost aelodau, fel y mae'n rhaid i fwndel.</translation>
        </message>
        <message>
            <source>One CSV file per table (steps, dependencies, blockers, organisations, members, findings) and a README, zipped.</source>
            <translation>Un ffeil CSV ar gyfer pob tabl (camau, dibyniaethau, rhwystrau, sefydliadau, aelodau, canfyddiadau) a README, wedi'u sipio.</translation>
        </message>
        <message>
            <source>An About sheet, then steps, dependencies, blockers, organisations, members and findings.</source>
            <translation>Dalen Ynghylch, yna camau, dibyniaethau, rhwystrau, sefydliadau, aelodau a chanfyddiadau.</translation>
        </message>
        <message>
            <source>One file that opens offline in any browser: the map, the findings and the tables; prints well.</source>
            <translation>Un ffeil sy'n agor all-lein mewn unrhyw borwr: y map, y canfyddiadau a'r tablau; mae'n argraffu'n dda.</translation>
        </message>
        <message>
            <source>The journey map as a poster, landscape, with title, date, key and the marking at the top and bottom.</source>
            <translation>Map y daith fel poster, tirlun, gyda theitl, dyddiad, allwedd a'r marc ar y brig ac ar y gwaelod.</translation>
        </message>
        <message>
            <source>The poster as a vector image for slides and documents.</source>
            <translation>Y poster fel delwedd fector ar gyfer sleidiau a dogfennau.</translation>
        </message>
        <message>
            <source>The poster as a picture; a very large map is drawn at a lower resolution.</source>
            <translation>Y poster fel llun; mae map mawr iawn yn cael ei lunio ar gydraniad is.</translation>
        </message>
        <message>
            <source>Opens as drawn in bpmn.io and Camunda Modeler: a lane per organisation, blockers as notes.</source>
            <translation>Yn agor fel y'i lluniwyd yn bpmn.io a Camunda Modeler: lôn ar gyfer pob sefydliad, rhwystrau fel nodiadau.</translation>
        </message>
        <message>
            <source>The step graph and the organisation graph with their attributes, for yEd and Gephi.</source>
            <translation>Graff y camau a graff y sefydliadau gyda'u priodoleddau, ar gyfer yEd a Gephi.</translation>
        </message>
        <message>
            <source>A flowchart with a box per organisation, for wikis and Markdown documents.</source>
            <translation>Siart llif gyda blwch ar gyfer pob sefydliad, ar gyfer wicis a dogfennau Markdown.</translation>
        </message>
        <message>
            <source>A short briefing: the journey, hand-offs, open blockers and findings.</source>
            <translation>Briff byr: y daith, trosglwyddiadau, rhwystrau agored a chanfyddiadau.</translation>
        </message>
        <message>
            <source>Automatic (readable when printed)</source>
            <translation>Awtomatig (darllenadwy wedi'i argraffu)</translation>
        </message>
        <message>
            <source>Export to</source>
            <translation>Allforio i</translation>
        </message>
        <message>
            <source>{0};;All files (*)</source>
            <translation>{0};;Pob ffeil (*)</translation>
        </message>
        <message>
            <source>Exported to {0}

Marked {1}.</source>
            <translation>Wedi'i allforio i {0}

Wedi'i farcio'n {1}.</translation>
        </message>
        <message>
            <source>Journeys</source>
            <translation>Teithiau</translation>
        </message>
        <message>
            <source>Steps</source>
            <translation>Camau</translation>
        </message>
        <message>
            <source>Hand-offs</source>
            <translation>Trosglwyddiadau</translation>
        </message>
        <message>
            <source>Blockers</source>
            <translation>Rhwystrau</translation>
        </message>
        <message>
            <source>Organisations</source>
            <translation>Sefydliadau</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Aelodau</translation>
        </message>
        <message>
            <source>{0}: {1}</source>
            <translation>{0}: {1}</translation>
        </message>
        <message>
            <source>Includes — {0}.</source>
            <translation>Yn cynnwys — {0}.</translation>
        </message>
        <message>
            <source>Leaves out OFFICIAL-SENSITIVE blockers, with their notes: {0}.</source>
            <translation>Yn gadael allan rwystrau OFFICIAL-SENSITIVE, gyda'u nodiadau: {0}.</translation>
        </message>
        <message>
            <source>Includes OFFICIAL-SENSITIVE blockers: {0}; the export is marked OFFICIAL-SENSITIVE.</source>
            <translation>Yn cynnwys rhwystrau OFFICIAL-SENSITIVE: {0}; mae'r allforyn wedi'i farcio'n OFFICIAL-SENSITIVE.</translation>
        </message>
        <message>
            <source>Nothing in scope is OFFICIAL-SENSITIVE.</source>
            <translation>Does dim yn y cwmpas yn OFFICIAL-SENSITIVE.</translation>
        </message>
        <message>
            <source>Member email addresses are never exported (except in the JSON bundle).</source>
            <translation>Ni chaiff cyfeiriadau e-bost aelodau byth eu hallforio (ac eithrio yn y bwndel JSON).</translation>
        </message>
        <message>
            <source>Marked: {0}.</source>
            <translation>Marcio: {0}.</translation>
        </message>
        <message>
            <source>Findings: the analysis is not available in this version.</source>
            <translation>Canfyddiadau: nid yw'r dadansoddiad ar gael yn y fersiwn hon.</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Allforio</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>Fformat</translation>
        </message>
        <message>
            <source>The whole community (every journey)</source>
            <translation>Y gymuned gyfan (pob taith)</translation>
        </message>
        <message>
            <source>Journey</source>
            <translation>Taith</translation>
        </message>
        <message>
            <source>None: the whole map</source>
            <translation>Dim: y map cyfan</translation>
        </message>
        <message>
            <source>Organisation pack</source>
            <translation>Pecyn sefydliad</translation>
        </message>
        <message>
            <source>A pack for one organisation: its steps, hand-offs in and out, and its blockers (PDF or XLSX).</source>
            <translation>Pecyn ar gyfer un sefydliad: ei gamau, ei drosglwyddiadau i mewn ac allan, a'i rwystrau (PDF neu XLSX).</translation>
        </message>
        <message>
            <source>Include OFFICIAL-SENSITIVE blockers and their notes</source>
            <translation>Cynnwys rhwystrau OFFICIAL-SENSITIVE a'u nodiadau</translation>
        </message>
        <message>
            <source>Paper size</source>
            <translation>Maint y papur</translation>
        </message>
        <message>
            <source>Automatic chooses the paper, and tiles it over sheets if need be, so that step titles print at 7.5 pt or more.</source>
            <translation>Mae Awtomatig yn dewis y papur, ac yn ei deilio dros ddalennau os oes angen, fel bod teitlau'r camau'n argraffu ar 7.5 pt neu fwy.</translation>
        </message>
        <message>
            <source>Fit on one page</source>
            <translation>Ffitio ar un dudalen</translation>
        </message>
        <message>
            <source>Full size, tiled over pages</source>
            <translation>Maint llawn, wedi'i deilio dros dudalennau</translation>
        </message>
        <message>
            <source>landscape</source>
            <translation>tirlun</translation>
        </message>
        <message>
            <source> dpi</source>
            <translation> dpi</translation>
        </message>
        <message>
            <source>Resolution</source>
            <translation>Cydraniad</translation>
        </message>
        <message>
            <source>Poster</source>
            <translation>Poster</translation>
        </message>
        <message>
            <source>Paper:</source>
            <translation>Papur:</translation>
        </message>
        <message>
            <source>Resolution:</source>
            <translation>Cydraniad:</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Ffeil</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Dewis…</translation>
        </message>
        <message>
            <source>What the export includes and leaves out</source>
            <translation>Beth mae'r allforyn yn ei gynnwys ac yn ei adael allan</translation>
        </message>
        <message>
            <source>Format:</source>
            <translation>Fformat:</translation>
        </message>
        <message>
            <source>Journey:</source>
            <translation>Taith:</translation>
        </message>
        <message>
            <source>Organisation pack:</source>
            <translation>Pecyn sefydliad:</translation>
        </message>
        <message>
            <source>Save as:</source>
            <translation>Cadw fel:</translation>
        </message>
        <message>
            <source>&lt;b&gt;What leaves the laptop&lt;/b&gt;</source>
            <translation>&lt;b&gt;Beth sy'n gadael y gliniadur&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Automatic chooses whether to tile, so titles print readably.</source>
            <translation>Mae Awtomatig yn dewis a ddylid teilio, fel bod teitlau'n argraffu'n ddarllenadwy.</translation>
        </message>
        <message>
            <source>An organisation's pack: its steps, hand-offs in and out, and the blockers it owns or causes.</source>
            <translation>Pecyn sefydliad: ei gamau, ei drosglwyddiadau i mewn ac allan, a'r rhwystrau y mae'n berchen arnynt neu'n eu hachosi.</translation>
        </message>
        <message>
            <source>{0} shows one journey's map: choose a journey.</source>
            <translation>Mae {0} yn dangos map un daith: dewiswch daith.</translation>
        </message>
        <message>
            <source>Working out what the export holds…</source>
            <translation>Yn gweithio allan beth sydd yn yr allforyn…</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>Yn allforio…</translation>
        </message>
        <message>
            <source>Cancelled: nothing was written.</source>
            <translation>Wedi'i ganslo: ni ysgrifennwyd dim.</translation>
        </message>
        <message>
            <source>Exported to {0}.</source>
            <translation>Wedi'i allforio i {0}.</translation>
        </message>
        <message>
            <source>The export failed: {0}</source>
            <translation>Methodd yr allforio: {0}</translation>
        </message>
    </context>
    <context>
        <name>FileFilters</name>
        <message>
            <source>Service Community workspaces (*.sqlite *.db);;All files (*)</source>
            <translation>Gweithleoedd Service Community (*.sqlite *.db);;Pob ffeil (*)</translation>
        </message>
        <message>
            <source>Service Community bundles (*.json);;All files (*)</source>
            <translation>Bwndeli Service Community (*.json);;Pob ffeil (*)</translation>
        </message>
    </context>
    <context>
        <name>GovukPreviewDialog</name>
        <message>
            <source>The journey's user need is left empty because the step by step does not say it: fill it in with the community (the journey's User need).</source>
            <translation>Gadewir angen y defnyddiwr ar gyfer y daith yn wag gan nad yw'r canllaw cam wrth gam yn ei nodi: llenwch ef gyda'r gymuned (Angen y defnyddiwr y daith).</translation>
        </message>
        <message>
            <source>Channels are left unknown because a link does not say whether a step can also be done by phone, on paper or face to face: record them as you learn them.</source>
            <translation>Gadewir y sianeli'n anhysbys gan nad yw dolen yn dweud a ellir gwneud cam hefyd dros y ffôn, ar bapur neu wyneb yn wyneb: cofnodwch nhw wrth i chi ddysgu amdanynt.</translation>
        </message>
        <message>
            <source>Journey “{0}” — stages: {1}; steps: {2}; hand-offs: {3}.</source>
            <translation>Taith “{0}” — cyfnodau: {1}; camau: {2}; trosglwyddiadau: {3}.</translation>
        </message>
        <message>
            <source>Import a GOV.UK step by step</source>
            <translation>Mewnforio cam wrth gam GOV.UK</translation>
        </message>
        <message>
            <source>Every GOV.UK step becomes a stage (“and” and “or” steps too), and each task or link in it a step, with the link as its touchpoint. An “and” stage can be done at the same time as the numbered stage before it; an “or” stage is another way to go on from there. Owners are left for the community to fill in.</source>
            <translation>Mae pob cam GOV.UK yn dod yn gyfnod (camau “a” a “neu” hefyd), a phob tasg neu ddolen ynddo yn gam, gyda'r ddolen yn bwynt cyswllt iddo. Gellir gwneud cyfnod “a” ar yr un pryd â'r cyfnod wedi'i rifo o'i flaen; mae cyfnod “neu” yn ffordd arall o fynd ymlaen oddi yno. Gadewir y perchnogion i'r gymuned eu llenwi.</translation>
        </message>
        <message>
            <source>Stages and steps to import</source>
            <translation>Cyfnodau a chamau i'w mewnforio</translation>
        </message>
        <message>
            <source>Stage and steps</source>
            <translation>Cyfnod a chamau</translation>
        </message>
        <message>
            <source>Touchpoint</source>
            <translation>Pwynt cyswllt</translation>
        </message>
        <message>
            <source>The journey “{0}” is added to a new community.</source>
            <translation>Mae'r daith “{0}” yn cael ei hychwanegu at gymuned newydd.</translation>
        </message>
        <message>
            <source>The journey “{0}” is added to this community.</source>
            <translation>Mae'r daith “{0}” yn cael ei hychwanegu at y gymuned hon.</translation>
        </message>
        <message>
            <source>&amp;Create journey</source>
            <translation>&amp;Creu taith</translation>
        </message>
    </context>
    <context>
        <name>GraphPanel</name>
        <message>
            <source>Organisations in {0}</source>
            <translation>Sefydliadau yn {0}</translation>
        </message>
        <message>
            <source>{0}
Steps in this journey: {1} · people in the community: {2}</source>
            <translation>{0}
Camau yn y daith hon: {1} · pobl yn y gymuned: {2}</translation>
        </message>
        <message>
            <source>{0} → {1}: hand-offs {2}, other dependencies {3}, blocked {4}, blockers caused {5}</source>
            <translation>{0} → {1}: trosglwyddiadau {2}, dibyniaethau eraill {3}, wedi'u rhwystro {4}, rhwystrau a achoswyd {5}</translation>
        </message>
        <message>
            <source>Steps of {0}</source>
            <translation>Camau {0}</translation>
        </message>
        <message>
            <source>nobody</source>
            <translation>neb</translation>
        </message>
        <message>
            <source>Owner: {0}</source>
            <translation>Perchennog: {0}</translation>
        </message>
        <message>
            <source>Monthly volume: {0}</source>
            <translation>Nifer misol: {0}</translation>
        </message>
        <message>
            <source>Monthly volume: not measured</source>
            <translation>Nifer misol: heb ei fesur</translation>
        </message>
        <message numerus="yes">
            <source>%n open blocker(s)</source>
            <translation>
                <numerusform>%n rhwystr agored</numerusform>
                <numerusform>%n rhwystr agored</numerusform>
                <numerusform>%n rwystr agored</numerusform>
                <numerusform>%n rhwystr agored</numerusform>
                <numerusform>%n rhwystr agored</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>✕ %n blocked</source>
            <translation>
                <numerusform>✕ %n wedi'u rhwystro</numerusform>
                <numerusform>✕ %n wedi'i rwystro</numerusform>
                <numerusform>✕ %n wedi'u rhwystro</numerusform>
                <numerusform>✕ %n wedi'u rhwystro</numerusform>
                <numerusform>✕ %n wedi'u rhwystro</numerusform>
            </translation>
        </message>
        <message>
            <source>crosses organisations</source>
            <translation>yn croesi sefydliadau</translation>
        </message>
        <message>
            <source>blocked</source>
            <translation>wedi'i rwystro</translation>
        </message>
        <message>
            <source>not agreed</source>
            <translation>heb ei gytuno</translation>
        </message>
        <message>
            <source>Could not draw the graph: {0}</source>
            <translation>Methu â llunio'r graff: {0}</translation>
        </message>
        <message>
            <source>Graph shows</source>
            <translation>Mae'r graff yn dangos</translation>
        </message>
        <message>
            <source>Organisations</source>
            <translation>Sefydliadau</translation>
        </message>
        <message>
            <source>Steps of this journey</source>
            <translation>Camau'r daith hon</translation>
        </message>
        <message>
            <source>Fit</source>
            <translation>Ffitio</translation>
        </message>
        <message>
            <source>Fit the graph</source>
            <translation>Ffitio'r graff</translation>
        </message>
        <message>
            <source>Open a journey to see its graph.</source>
            <translation>Agorwch daith i weld ei graff.</translation>
        </message>
        <message>
            <source>{0}: organisations {1}, links {2}, blocked {3} (dashed, marked ✕). Size shows the steps it owns; width shows hand-offs between them. Click one to select it on the map.</source>
            <translation>{0}: sefydliadau {1}, cysylltiadau {2}, wedi'u rhwystro {3} (llinell doriad, â ✕). Mae'r maint yn dangos y camau y mae'n berchen arnynt; mae'r lled yn dangos y trosglwyddiadau rhyngddynt. Cliciwch un i'w ddewis ar y map.</translation>
        </message>
        <message>
            <source>{0}: steps {1}, links {2}, blocked {3} (dashed, marked ✕). Size shows monthly volume; width: thick where it crosses organisations. Click one to select it on the map.</source>
            <translation>{0}: camau {1}, cysylltiadau {2}, wedi'u rhwystro {3} (llinell doriad, â ✕). Mae'r maint yn dangos y nifer misol; y lled: trwchus lle mae'n croesi sefydliadau. Cliciwch un i'w ddewis ar y map.</translation>
        </message>
    </context>
    <context>
        <name>GroupForm</name>
        <message>
            <source>Sub-group</source>
            <translation>Is-grŵp</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Enw</translation>
        </message>
        <message>
            <source>&amp;Purpose</source>
            <translation>&amp;Diben</translation>
        </message>
        <message>
            <source>People</source>
            <translation>Pobl</translation>
        </message>
    </context>
    <context>
        <name>HandoffMatrixChart</name>
        <message>
            <source>No steps with owners in this journey yet.</source>
            <translation>Dim camau â pherchnogion yn y daith hon eto.</translation>
        </message>
    </context>
    <context>
        <name>InlineEditor</name>
        <message>
            <source>Open a journey first.</source>
            <translation>Agorwch daith yn gyntaf.</translation>
        </message>
        <message>
            <source>Add a stage first (Edit &gt; Add stage).</source>
            <translation>Ychwanegwch gyfnod yn gyntaf (Golygu &gt; Ychwanegu cyfnod).</translation>
        </message>
        <message>
            <source>Added “{0}”. Type the next step, Enter; Tab: next stage; Esc: stop.</source>
            <translation>Ychwanegwyd “{0}”. Teipiwch y cam nesaf, Enter; Tab: y cyfnod nesaf; Esc: stopio.</translation>
        </message>
        <message>
            <source>No stage beyond this one: add one with Edit &gt; Add stage.</source>
            <translation>Nid oes cyfnod ar ôl hwn: ychwanegwch un â Golygu &gt; Ychwanegu cyfnod.</translation>
        </message>
        <message>
            <source>New step in {0} ({1}): type its title, Enter (Tab: next stage, Esc: stop)</source>
            <translation>Cam newydd yn {0} ({1}): teipiwch ei deitl, Enter (Tab: y cyfnod nesaf, Esc: stopio)</translation>
        </message>
        <message>
            <source>Rename step</source>
            <translation>Ailenwi'r cam</translation>
        </message>
        <message>
            <source>Step title</source>
            <translation>Teitl y cam</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Teitl</translation>
        </message>
    </context>
    <context>
        <name>InsightsPanel</name>
        <message>
            <source>Act on these first</source>
            <translation>Gweithredu ar y rhain yn gyntaf</translation>
        </message>
        <message>
            <source>{0}: {1}</source>
            <translation>{0}: {1}</translation>
        </message>
        <message>
            <source>{0}
Next: {1}</source>
            <translation>{0}
Nesaf: {1}</translation>
        </message>
        <message>
            <source>Reading the journey…</source>
            <translation>Yn darllen y daith…</translation>
        </message>
        <message>
            <source>Analysing steps ({0})…</source>
            <translation>Yn dadansoddi camau ({0})…</translation>
        </message>
        <message>
            <source>What-if findings</source>
            <translation>Canfyddiadau beth-os</translation>
        </message>
        <message>
            <source>The findings the change would add or remove; Enter shows one on the map</source>
            <translation>Y canfyddiadau y byddai'r newid yn eu hychwanegu neu'n eu dileu; mae Enter yn dangos un ar y map</translation>
        </message>
        <message>
            <source>Not analysed yet.</source>
            <translation>Heb ei ddadansoddi eto.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Canslo</translation>
        </message>
        <message>
            <source>Analyse again</source>
            <translation>Dadansoddi eto</translation>
        </message>
        <message>
            <source>Findings</source>
            <translation>Canfyddiadau</translation>
        </message>
        <message>
            <source>What the analysis found, grouped by kind; Enter shows one on the map</source>
            <translation>Beth a ganfu'r dadansoddiad, wedi'i grwpio fesul math; mae Enter yn dangos un ar y map</translation>
        </message>
        <message>
            <source>Open a journey to analyse it.</source>
            <translation>Agorwch daith i'w dadansoddi.</translation>
        </message>
        <message>
            <source>Analysis cancelled; press Analyse again to run it.</source>
            <translation>Canslwyd y dadansoddiad; pwyswch Dadansoddi eto i'w redeg.</translation>
        </message>
        <message>
            <source>{0}: findings {1}, steps {2}, dependencies {3}, open blockers {4} ({5} s).</source>
            <translation>{0}: canfyddiadau {1}, camau {2}, dibyniaethau {3}, rhwystrau agored {4} ({5} e).</translation>
        </message>
        <message>
            <source>The analysis failed: {0}</source>
            <translation>Methodd y dadansoddiad: {0}</translation>
        </message>
    </context>
    <context>
        <name>Inspector</name>
        <message>
            <source>Channel: {0}</source>
            <translation>Sianel: {0}</translation>
        </message>
        <message>
            <source>not known</source>
            <translation>anhysbys</translation>
        </message>
        <message>
            <source>The {0} cannot be empty.</source>
            <translation>Ni all y maes “{0}” fod yn wag.</translation>
        </message>
        <message>
            <source>Inspector</source>
            <translation>Archwilydd</translation>
        </message>
        <message>
            <source>No owner yet</source>
            <translation>Dim perchennog eto</translation>
        </message>
        <message>
            <source>Not recorded</source>
            <translation>Heb ei gofnodi</translation>
        </message>
        <message>
            <source>Delighted</source>
            <translation>Wrth ei fodd</translation>
        </message>
        <message>
            <source>Happy</source>
            <translation>Hapus</translation>
        </message>
        <message>
            <source>Neutral</source>
            <translation>Niwtral</translation>
        </message>
        <message>
            <source>Unhappy</source>
            <translation>Anhapus</translation>
        </message>
        <message>
            <source>Distressed</source>
            <translation>Gofidus</translation>
        </message>
        <message>
            <source>Title</source>
            <translation>Teitl</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Cyfnod</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>Perchennog</translation>
        </message>
        <message>
            <source>The organisation that owns this step</source>
            <translation>Y sefydliad sy'n berchen ar y cam hwn</translation>
        </message>
        <message>
            <source>Supported by</source>
            <translation>Yn cael ei gefnogi gan</translation>
        </message>
        <message>
            <source>Organisations that support this step without owning it</source>
            <translation>Sefydliadau sy'n cefnogi'r cam hwn heb fod yn berchen arno</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Disgrifiad</translation>
        </message>
        <message>
            <source>Channels</source>
            <translation>Sianeli</translation>
        </message>
        <message>
            <source>How people can do this step</source>
            <translation>Sut y gall pobl wneud y cam hwn</translation>
        </message>
        <message>
            <source>Touchpoint</source>
            <translation>Pwynt cyswllt</translation>
        </message>
        <message>
            <source>A GOV.UK page, a form, a call centre…</source>
            <translation>Tudalen GOV.UK, ffurflen, canolfan alwadau…</translation>
        </message>
        <message>
            <source>Touchpoint link</source>
            <translation>Dolen y pwynt cyswllt</translation>
        </message>
        <message>
            <source>Takes</source>
            <translation>Yn cymryd</translation>
        </message>
        <message>
            <source> hours</source>
            <translation> awr</translation>
        </message>
        <message>
            <source>The user's own time on this step; waiting goes below, where you know it</source>
            <translation>Amser y defnyddiwr ei hun ar y cam hwn; mae aros yn mynd isod, lle rydych yn ei wybod</translation>
        </message>
        <message>
            <source>Then waits</source>
            <translation>Yna'n aros</translation>
        </message>
        <message>
            <source>How long the user typically waits here: for a decision, a letter, a licence</source>
            <translation>Pa mor hir mae'r defnyddiwr fel arfer yn aros yma: am benderfyniad, llythyr, trwydded</translation>
        </message>
        <message>
            <source>How the user feels</source>
            <translation>Sut mae'r defnyddiwr yn teimlo</translation>
        </message>
        <message>
            <source>Pain points</source>
            <translation>Pwyntiau poen</translation>
        </message>
        <message>
            <source>Data it asks for</source>
            <translation>Data y mae'n gofyn amdano</translation>
        </message>
        <message>
            <source>Transactions a month</source>
            <translation>Trafodion y mis</translation>
        </message>
        <message>
            <source>Cost per transaction</source>
            <translation>Cost fesul trafodiad</translation>
        </message>
        <message>
            <source>User satisfaction</source>
            <translation>Bodlonrwydd defnyddwyr</translation>
        </message>
        <message>
            <source>Completion rate</source>
            <translation>Cyfradd cwblhau</translation>
        </message>
        <message>
            <source>Digital take-up</source>
            <translation>Defnydd digidol</translation>
        </message>
        <message>
            <source>Step</source>
            <translation>Cam</translation>
        </message>
        <message>
            <source>New data item…</source>
            <translation>Eitem ddata newydd…</translation>
        </message>
        <message>
            <source>Add something steps ask the user for (for example “National Insurance number”)</source>
            <translation>Ychwanegu rhywbeth y mae camau'n gofyn i'r defnyddiwr amdano (er enghraifft “rhif Yswiriant Gwladol”)</translation>
        </message>
        <message>
            <source>Raise blocker…</source>
            <translation>Codi rhwystr…</translation>
        </message>
        <message>
            <source>Delete step</source>
            <translation>Dileu'r cam</translation>
        </message>
        <message>
            <source>Not set</source>
            <translation>Heb ei osod</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Math</translation>
        </message>
        <message>
            <source>Sequence: one after the other. Needs: cannot start without. Data hand-off: data passes. Alternative: one or the other.</source>
            <translation>Dilyniant: y naill ar ôl y llall. Angen: ni all ddechrau hebddo. Trosglwyddo data: mae data'n pasio. Dewis arall: y naill neu'r llall.</translation>
        </message>
        <message>
            <source>Hand-off by</source>
            <translation>Trosglwyddo drwy</translation>
        </message>
        <message>
            <source>Agreed between the organisations</source>
            <translation>Wedi'i gytuno rhwng y sefydliadau</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Nodyn</translation>
        </message>
        <message>
            <source>Dependency</source>
            <translation>Dibyniaeth</translation>
        </message>
        <message>
            <source>Delete dependency</source>
            <translation>Dileu'r ddibyniaeth</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Enw</translation>
        </message>
        <message>
            <source>Move earlier</source>
            <translation>Symud yn gynharach</translation>
        </message>
        <message>
            <source>Move later</source>
            <translation>Symud yn hwyrach</translation>
        </message>
        <message>
            <source>Delete stage</source>
            <translation>Dileu'r cyfnod</translation>
        </message>
        <message>
            <source>For (persona)</source>
            <translation>Ar gyfer (persona)</translation>
        </message>
        <message>
            <source>User need</source>
            <translation>Angen y defnyddiwr</translation>
        </message>
        <message>
            <source>Map of</source>
            <translation>Map o</translation>
        </message>
        <message>
            <source>As is: the journey today. To be: the one you want.</source>
            <translation>Fel y mae: y daith heddiw. Fel y bydd: yr un rydych ei heisiau.</translation>
        </message>
        <message>
            <source>Journey</source>
            <translation>Taith</translation>
        </message>
        <message>
            <source>Nothing is selected on the map: these are the journey's own details.</source>
            <translation>Does dim wedi'i ddewis ar y map: dyma fanylion y daith ei hun.</translation>
        </message>
        <message>
            <source>Several steps</source>
            <translation>Sawl cam</translation>
        </message>
        <message>
            <source>Changes here apply to every selected step, as one undo entry.</source>
            <translation>Mae newidiadau yma'n berthnasol i bob cam a ddewiswyd, fel un cofnod dadwneud.</translation>
        </message>
        <message>
            <source>Owner of the selected steps</source>
            <translation>Perchennog y camau a ddewiswyd</translation>
        </message>
        <message>
            <source>Stage of the selected steps</source>
            <translation>Cyfnod y camau a ddewiswyd</translation>
        </message>
        <message>
            <source>Owner:</source>
            <translation>Perchennog:</translation>
        </message>
        <message>
            <source>Stage:</source>
            <translation>Cyfnod:</translation>
        </message>
        <message>
            <source>Delete these steps</source>
            <translation>Dileu'r camau hyn</translation>
        </message>
        <message>
            <source>{0} steps selected</source>
            <translation>Camau a ddewiswyd: {0}</translation>
        </message>
        <message>
            <source>(leave as they are)</source>
            <translation>(gadael fel y maent)</translation>
        </message>
        <message>
            <source>From “{0}” to “{1}”</source>
            <translation>O “{0}” i “{1}”</translation>
        </message>
        <message>
            <source>Change {0} {1}</source>
            <translation>Newid {1} ({0})</translation>
        </message>
        <message>
            <source>New data item</source>
            <translation>Eitem ddata newydd</translation>
        </message>
        <message>
            <source>What the step asks the user for:</source>
            <translation>Beth mae'r cam yn gofyn i'r defnyddiwr amdano:</translation>
        </message>
    </context>
    <context>
        <name>JourneyMapView</name>
        <message>
            <source>The last stage of the journey.</source>
            <translation>Cyfnod olaf y daith.</translation>
        </message>
        <message>
            <source>The first stage of the journey.</source>
            <translation>Cyfnod cyntaf y daith.</translation>
        </message>
        <message numerus="yes">
            <source>The whole journey: %n stage(s). F11 to come back.</source>
            <translation>
                <numerusform>Y daith gyfan: %n cyfnod. F11 i ddod yn ôl.</numerusform>
                <numerusform>Y daith gyfan: %n cyfnod. F11 i ddod yn ôl.</numerusform>
                <numerusform>Y daith gyfan: %n gyfnod. F11 i ddod yn ôl.</numerusform>
                <numerusform>Y daith gyfan: %n chyfnod. F11 i ddod yn ôl.</numerusform>
                <numerusform>Y daith gyfan: %n cyfnod. F11 i ddod yn ôl.</numerusform>
            </translation>
        </message>
        <message>
            <source>Stages shown: {0} (page {1} of {2}); Left and Right arrows for the others, F11 to come back.</source>
            <translation>Cyfnodau a ddangosir: {0} (tudalen {1} o {2}); saethau Chwith a De am y lleill, F11 i ddod yn ôl.</translation>
        </message>
        <message>
            <source>nobody yet</source>
            <translation>neb eto</translation>
        </message>
        <message>
            <source>Owner: {0}</source>
            <translation>Perchennog: {0}</translation>
        </message>
        <message>
            <source>Stage: {0}</source>
            <translation>Cyfnod: {0}</translation>
        </message>
        <message>
            <source>Channels: {0}</source>
            <translation>Sianeli: {0}</translation>
        </message>
        <message>
            <source>Channels: none recorded</source>
            <translation>Sianeli: dim wedi'u cofnodi</translation>
        </message>
        <message>
            <source>Feeling: {0} ({1})</source>
            <translation>Teimlad: {0} ({1})</translation>
        </message>
        <message numerus="yes">
            <source>%n open blocker(s), worst {0}</source>
            <translation>
                <numerusform>%n rhwystr agored, y gwaethaf: {0}</numerusform>
                <numerusform>%n rhwystr agored, y gwaethaf: {0}</numerusform>
                <numerusform>%n rwystr agored, y gwaethaf: {0}</numerusform>
                <numerusform>%n rhwystr agored, y gwaethaf: {0}</numerusform>
                <numerusform>%n rhwystr agored, y gwaethaf: {0}</numerusform>
            </translation>
        </message>
        <message>
            <source>Asks again for data another organisation already collected: {0}</source>
            <translation>Yn gofyn eto am ddata y mae sefydliad arall eisoes wedi'i gasglu: {0}</translation>
        </message>
        <message>
            <source>Pain points: {0}</source>
            <translation>Pwyntiau poen: {0}</translation>
        </message>
        <message>
            <source>Kind: {0}</source>
            <translation>Math: {0}</translation>
        </message>
        <message>
            <source>Hand-off between organisations by {0}</source>
            <translation>Trosglwyddiad rhwng sefydliadau drwy {0}</translation>
        </message>
        <message>
            <source>Hand-off between organisations</source>
            <translation>Trosglwyddiad rhwng sefydliadau</translation>
        </message>
        <message>
            <source>Agreed between them</source>
            <translation>Wedi'i gytuno rhyngddynt</translation>
        </message>
        <message>
            <source>Not agreed between the organisations</source>
            <translation>Heb ei gytuno rhwng y sefydliadau</translation>
        </message>
        <message>
            <source>An open blocker stands on this hand-off</source>
            <translation>Mae rhwystr agored ar y trosglwyddiad hwn</translation>
        </message>
        <message>
            <source>{0} · {1}
Double-click to add a step here</source>
            <translation>{0} · {1}
Cliciwch ddwywaith i ychwanegu cam yma</translation>
        </message>
        <message>
            <source>That change was not made</source>
            <translation>Ni wnaed y newid hwnnw</translation>
        </message>
    </context>
    <context>
        <name>LaneRuler</name>
        <message>
            <source>Swimlanes: organisations</source>
            <translation>Lonydd: sefydliadau</translation>
        </message>
        <message>
            <source>Swimlanes: the organisation that owns the steps; click to select its steps</source>
            <translation>Lonydd: y sefydliad sy'n berchen ar y camau; cliciwch i ddewis ei gamau</translation>
        </message>
        <message>
            <source>Steps nobody owns yet</source>
            <translation>Camau nad oes neb yn berchen arnynt eto</translation>
        </message>
        <message numerus="yes">
            <source>{0}
%n step(s) in this journey</source>
            <translation>
                <numerusform>{0}
%n cam yn y daith hon</numerusform>
                <numerusform>{0}
%n cam yn y daith hon</numerusform>
                <numerusform>{0}
%n gam yn y daith hon</numerusform>
                <numerusform>{0}
%n cham yn y daith hon</numerusform>
                <numerusform>{0}
%n cam yn y daith hon</numerusform>
            </translation>
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
        <message>
            <source>Restart now</source>
            <translation>Ailgychwyn nawr</translation>
        </message>
        <message>
            <source>Later</source>
            <translation>Yn nes ymlaen</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Light theme</source>
            <translation>Thema olau</translation>
        </message>
        <message>
            <source>Use the light colours</source>
            <translation>Defnyddio'r lliwiau golau</translation>
        </message>
        <message>
            <source>Dark theme</source>
            <translation>Thema dywyll</translation>
        </message>
        <message>
            <source>Use the dark colours</source>
            <translation>Defnyddio'r lliwiau tywyll</translation>
        </message>
        <message>
            <source>Opened the workspace</source>
            <translation>Agorwyd y gweithle</translation>
        </message>
        <message>
            <source>Undo history</source>
            <translation>Hanes dadwneud</translation>
        </message>
        <message>
            <source>Navigator</source>
            <translation>Llywiwr</translation>
        </message>
        <message>
            <source>Inspector</source>
            <translation>Archwilydd</translation>
        </message>
        <message>
            <source>&amp;New workspace…</source>
            <translation>Gweithle &amp;newydd…</translation>
        </message>
        <message>
            <source>Start an empty workspace file</source>
            <translation>Dechrau ffeil gweithle wag</translation>
        </message>
        <message>
            <source>&amp;Open workspace…</source>
            <translation>&amp;Agor gweithle…</translation>
        </message>
        <message>
            <source>Open another workspace file</source>
            <translation>Agor ffeil gweithle arall</translation>
        </message>
        <message>
            <source>Connect to a &amp;team workspace…</source>
            <translation>Cysylltu â gweithle &amp;tîm…</translation>
        </message>
        <message>
            <source>Open a workspace your team shares on a PostgreSQL server</source>
            <translation>Agor gweithle y mae eich tîm yn ei rannu ar weinydd PostgreSQL</translation>
        </message>
        <message>
            <source>Save a &amp;copy…</source>
            <translation>Cadw &amp;copi…</translation>
        </message>
        <message>
            <source>Copy this workspace to another file (every change here is already saved)</source>
            <translation>Copïo'r gweithle hwn i ffeil arall (mae pob newid yma eisoes wedi'i gadw)</translation>
        </message>
        <message>
            <source>&amp;Import bundle…</source>
            <translation>&amp;Mewnforio bwndel…</translation>
        </message>
        <message>
            <source>Bring in a map another member shared</source>
            <translation>Dod â map a rannodd aelod arall i mewn</translation>
        </message>
        <message>
            <source>&amp;Export…</source>
            <translation>A&amp;llforio…</translation>
        </message>
        <message>
            <source>Share the map as a bundle, a poster or a spreadsheet</source>
            <translation>Rhannu'r map fel bwndel, poster neu daenlen</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Gadael</translation>
        </message>
        <message>
            <source>Close the app (everything is saved)</source>
            <translation>Cau'r ap (mae popeth wedi'i gadw)</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Dadwneud</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Ailwneud</translation>
        </message>
        <message>
            <source>Add &amp;step</source>
            <translation>Ychwanegu &amp;cam</translation>
        </message>
        <message>
            <source>Add a step after the selected card (or double-click an empty cell)</source>
            <translation>Ychwanegu cam ar ôl y cerdyn a ddewiswyd (neu gliciwch ddwywaith ar gell wag)</translation>
        </message>
        <message>
            <source>Add s&amp;tage…</source>
            <translation>Ychwanegu c&amp;yfnod…</translation>
        </message>
        <message>
            <source>Add a stage after the selected one</source>
            <translation>Ychwanegu cyfnod ar ôl yr un a ddewiswyd</translation>
        </message>
        <message>
            <source>Add &amp;dependency</source>
            <translation>Ychwanegu &amp;dibyniaeth</translation>
        </message>
        <message>
            <source>Link the two selected cards (or drag from a card's round handle to another card)</source>
            <translation>Cysylltu'r ddau gerdyn a ddewiswyd (neu lusgo o ddolen gron cerdyn i gerdyn arall)</translation>
        </message>
        <message>
            <source>Add &amp;blocker…</source>
            <translation>Ychwanegu &amp;rhwystr…</translation>
        </message>
        <message>
            <source>Raise a blocker on the selected steps and hand-offs</source>
            <translation>Codi rhwystr ar y camau a'r trosglwyddiadau a ddewiswyd</translation>
        </message>
        <message>
            <source>&amp;Edit selected</source>
            <translation>&amp;Golygu'r dewis</translation>
        </message>
        <message>
            <source>Edit the selected card's title</source>
            <translation>Golygu teitl y cerdyn a ddewiswyd</translation>
        </message>
        <message>
            <source>De&amp;lete</source>
            <translation>D&amp;ileu</translation>
        </message>
        <message>
            <source>Delete what is selected on the map</source>
            <translation>Dileu'r hyn a ddewiswyd ar y map</translation>
        </message>
        <message>
            <source>Zoom &amp;in</source>
            <translation>Chwyddo &amp;i mewn</translation>
        </message>
        <message>
            <source>Zoom in</source>
            <translation>Chwyddo i mewn</translation>
        </message>
        <message>
            <source>Zoom &amp;out</source>
            <translation>Chwyddo &amp;allan</translation>
        </message>
        <message>
            <source>Zoom out</source>
            <translation>Chwyddo allan</translation>
        </message>
        <message>
            <source>&amp;Fit the map</source>
            <translation>&amp;Ffitio'r map</translation>
        </message>
        <message>
            <source>Show the whole map</source>
            <translation>Dangos y map cyfan</translation>
        </message>
        <message>
            <source>&amp;Actual size</source>
            <translation>Maint &amp;gwirioneddol</translation>
        </message>
        <message>
            <source>Readable size</source>
            <translation>Maint darllenadwy</translation>
        </message>
        <message>
            <source>&amp;Legend</source>
            <translation>&amp;Allwedd</translation>
        </message>
        <message>
            <source>What the map's marks mean</source>
            <translation>Beth mae marciau'r map yn ei olygu</translation>
        </message>
        <message>
            <source>&amp;Emotion curve</source>
            <translation>Cromlin &amp;emosiwn</translation>
        </message>
        <message>
            <source>Show how the user feels under the map</source>
            <translation>Dangos sut mae'r defnyddiwr yn teimlo o dan y map</translation>
        </message>
        <message>
            <source>&amp;Presentation mode</source>
            <translation>Modd &amp;cyflwyno</translation>
        </message>
        <message>
            <source>Only the map, full screen, for the projector (F11 again to come back)</source>
            <translation>Y map yn unig, sgrin lawn, ar gyfer y taflunydd (F11 eto i ddod yn ôl)</translation>
        </message>
        <message>
            <source>&amp;Keyboard shortcuts</source>
            <translation>&amp;Llwybrau byr bysellfwrdd</translation>
        </message>
        <message>
            <source>Every command and its keys</source>
            <translation>Pob gorchymyn a'i fysellau</translation>
        </message>
        <message>
            <source>&amp;About Service Community</source>
            <translation>&amp;Ynghylch Service Community</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Ffeil</translation>
        </message>
        <message>
            <source>Open &amp;recent</source>
            <translation>Agor y &amp;diweddar</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Golygu</translation>
        </message>
        <message>
            <source>&amp;Journey</source>
            <translation>&amp;Taith</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>G&amp;olwg</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>Go&amp;sodiadau</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>Restart</source>
            <translation>Ailgychwyn</translation>
        </message>
        <message>
            <source>Service Community could not start again; close it and start it yourself.</source>
            <translation>Nid oedd modd ailgychwyn Service Community; caewch ef a'i agor eich hun.</translation>
        </message>
        <message>
            <source>Toolbar</source>
            <translation>Bar offer</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Dadwneud</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Ailwneud</translation>
        </message>
        <message>
            <source>Undo {0}</source>
            <translation>Dadwneud {0}</translation>
        </message>
        <message>
            <source>Redo {0}</source>
            <translation>Ailwneud {0}</translation>
        </message>
        <message>
            <source>Nothing to undo</source>
            <translation>Dim i'w ddadwneud</translation>
        </message>
        <message>
            <source>Nothing to redo</source>
            <translation>Dim i'w ailwneud</translation>
        </message>
        <message>
            <source>Every change is saved</source>
            <translation>Mae pob newid wedi'i gadw</translation>
        </message>
        <message>
            <source>Workspace: {0}</source>
            <translation>Gweithle: {0}</translation>
        </message>
        <message>
            <source>Con&amp;flicts…</source>
            <translation>Gwrth&amp;daro…</translation>
        </message>
        <message>
            <source>Settle what two members changed differently (both values are kept until you choose)</source>
            <translation>Setlo'r hyn a newidiodd dau aelod yn wahanol (mae'r ddau werth yn cael eu cadw nes i chi ddewis)</translation>
        </message>
        <message>
            <source>&amp;Join duplicates…</source>
            <translation>&amp;Uno dyblygion…</translation>
        </message>
        <message>
            <source>Make two organisations or data items named alike one (undoable)</source>
            <translation>Gwneud dau sefydliad neu ddwy eitem ddata ag enwau tebyg yn un (gellir dadwneud)</translation>
        </message>
        <message numerus="yes">
            <source>&lt;a href='review'&gt;%n conflict(s) to settle&lt;/a&gt;</source>
            <translation>
                <numerusform>&lt;a href='review'&gt;Gwrthdaro i'w setlo: %n&lt;/a&gt;</numerusform>
                <numerusform>&lt;a href='review'&gt;Gwrthdaro i'w setlo: %n&lt;/a&gt;</numerusform>
                <numerusform>&lt;a href='review'&gt;Gwrthdaro i'w setlo: %n&lt;/a&gt;</numerusform>
                <numerusform>&lt;a href='review'&gt;Gwrthdaro i'w setlo: %n&lt;/a&gt;</numerusform>
                <numerusform>&lt;a href='review'&gt;Gwrthdaro i'w setlo: %n&lt;/a&gt;</numerusform>
            </translation>
        </message>
        <message>
            <source>Two members changed the same thing; choose what to keep (Community &gt; Conflicts…)</source>
            <translation>Newidiodd dau aelod yr un peth; dewiswch beth i'w gadw (Cymuned &gt; Gwrthdaro…)</translation>
        </message>
        <message numerus="yes">
            <source>%n conflict(s) to settle</source>
            <translation>
                <numerusform>Gwrthdaro i'w setlo: %n</numerusform>
                <numerusform>Gwrthdaro i'w setlo: %n</numerusform>
                <numerusform>Gwrthdaro i'w setlo: %n</numerusform>
                <numerusform>Gwrthdaro i'w setlo: %n</numerusform>
                <numerusform>Gwrthdaro i'w setlo: %n</numerusform>
            </translation>
        </message>
        <message>
            <source>Join duplicates</source>
            <translation>Uno dyblygion</translation>
        </message>
        <message>
            <source>No organisations or data items share a name.</source>
            <translation>Nid oes sefydliadau nac eitemau data sy'n rhannu enw.</translation>
        </message>
        <message>
            <source>Not joined</source>
            <translation>Heb eu huno</translation>
        </message>
        <message>
            <source>Joined the two called “{0}”; Undo puts both back.</source>
            <translation>Unwyd y ddau o'r enw “{0}”; mae Dadwneud yn rhoi'r ddau yn ôl.</translation>
        </message>
        <message>
            <source>Settled: your next bundle takes your choices to the others.</source>
            <translation>Wedi'i setlo: mae eich bwndel nesaf yn mynd â'ch dewisiadau at y lleill.</translation>
        </message>
        <message>
            <source>No other workspaces yet</source>
            <translation>Dim gweithleoedd eraill eto</translation>
        </message>
        <message>
            <source>No journey yet: File &gt; Import bundle, or New journey in the navigator</source>
            <translation>Dim taith eto: Ffeil &gt; Mewnforio bwndel, neu Taith newydd yn y llywiwr</translation>
        </message>
        <message numerus="yes">
            <source>%n stage(s)</source>
            <translation>
                <numerusform>%n cyfnod</numerusform>
                <numerusform>%n cyfnod</numerusform>
                <numerusform>%n gyfnod</numerusform>
                <numerusform>%n chyfnod</numerusform>
                <numerusform>%n cyfnod</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n step(s)</source>
            <translation>
                <numerusform>%n cam</numerusform>
                <numerusform>%n cam</numerusform>
                <numerusform>%n gam</numerusform>
                <numerusform>%n cham</numerusform>
                <numerusform>%n cam</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n (dependency|dependencies)</source>
            <translation>
                <numerusform>%n dibyniaeth</numerusform>
                <numerusform>%n dibyniaeth</numerusform>
                <numerusform>%n ddibyniaeth</numerusform>
                <numerusform>%n dibyniaeth</numerusform>
                <numerusform>%n dibyniaeth</numerusform>
            </translation>
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
        <message numerus="yes">
            <source>%n step(s) blocked</source>
            <translation>
                <numerusform>%n cam wedi'u rhwystro</numerusform>
                <numerusform>%n cam wedi'i rwystro</numerusform>
                <numerusform>%n gam wedi'u rhwystro</numerusform>
                <numerusform>%n cham wedi'u rhwystro</numerusform>
                <numerusform>%n cam wedi'u rhwystro</numerusform>
            </translation>
        </message>
        <message>
            <source>No journey</source>
            <translation>Dim taith</translation>
        </message>
        <message>
            <source>{0} — {1} — Service Community</source>
            <translation>{0} — {1} — Service Community</translation>
        </message>
        <message>
            <source>Zoom {0} %</source>
            <translation>Chwyddo {0} %</translation>
        </message>
        <message>
            <source>Open a workspace</source>
            <translation>Agor gweithle</translation>
        </message>
        <message>
            <source>New workspace</source>
            <translation>Gweithle newydd</translation>
        </message>
        <message>
            <source>{0} exists already; choose a new name (nothing was changed).</source>
            <translation>Mae {0} yn bodoli eisoes; dewiswch enw newydd (ni newidiwyd dim).</translation>
        </message>
        <message>
            <source>Save a copy of the workspace</source>
            <translation>Cadw copi o'r gweithle</translation>
        </message>
        <message>
            <source>The copy was not saved</source>
            <translation>Ni chadwyd y copi</translation>
        </message>
        <message>
            <source>Saved a copy as {0}</source>
            <translation>Cadwyd copi fel {0}</translation>
        </message>
        <message>
            <source>Import a bundle</source>
            <translation>Mewnforio bwndel</translation>
        </message>
        <message>
            <source>The bundle was not imported</source>
            <translation>Ni fewnforiwyd y bwndel</translation>
        </message>
        <message>
            <source>Imported</source>
            <translation>Wedi'i fewnforio</translation>
        </message>
        <message>
            <source>Imported: {0}.</source>
            <translation>Wedi'i fewnforio: {0}.</translation>
        </message>
        <message>
            <source>Export a bundle</source>
            <translation>Allforio bwndel</translation>
        </message>
        <message>
            <source>The bundle was not exported</source>
            <translation>Ni allforiwyd y bwndel</translation>
        </message>
        <message>
            <source>Exported {0}</source>
            <translation>Allforiwyd {0}</translation>
        </message>
    </context>
    <context>
        <name>MapCards</name>
        <message>
            <source>Again ×{0}</source>
            <translation>Eto ×{0}</translation>
        </message>
        <message>
            <source>Asked again</source>
            <translation>Gofyn eto</translation>
        </message>
    </context>
    <context>
        <name>MapEditor</name>
        <message>
            <source>{0}'s change won.</source>
            <translation>Newid {0} a enillodd.</translation>
        </message>
        <message>
            <source>Someone else's change won.</source>
            <translation>Newid rhywun arall a enillodd.</translation>
        </message>
        <message>
            <source>Someone else changed it first</source>
            <translation>Newidiodd rhywun arall ef yn gyntaf</translation>
        </message>
        <message>
            <source>Apply mine again</source>
            <translation>Rhoi fy newid i eto</translation>
        </message>
        <message>
            <source>Make your change again, on top of theirs</source>
            <translation>Gwneud eich newid eto, ar ben eu newid nhw</translation>
        </message>
        <message>
            <source>Make your change again, now that you have seen theirs</source>
            <translation>Gwnewch eich newid eto, nawr eich bod wedi gweld eu newid nhw</translation>
        </message>
        <message>
            <source>Keep theirs</source>
            <translation>Cadw'u hun nhw</translation>
        </message>
        <message>
            <source>Add step “{0}”</source>
            <translation>Ychwanegu cam “{0}”</translation>
        </message>
        <message>
            <source>Move step</source>
            <translation>Symud cam</translation>
        </message>
        <message>
            <source>Move {0} steps</source>
            <translation>Symud {0} cam</translation>
        </message>
        <message>
            <source>A step cannot depend on itself; drag to another card.</source>
            <translation>Ni all cam ddibynnu arno'i hun; llusgwch i gerdyn arall.</translation>
        </message>
        <message>
            <source>Add dependency</source>
            <translation>Ychwanegu dibyniaeth</translation>
        </message>
        <message>
            <source>Add stage “{0}”</source>
            <translation>Ychwanegu cyfnod “{0}”</translation>
        </message>
        <message>
            <source>Rename stage</source>
            <translation>Ailenwi'r cyfnod</translation>
        </message>
        <message numerus="yes">
            <source>%n stage(s)</source>
            <translation>
                <numerusform>%n cyfnod</numerusform>
                <numerusform>%n cyfnod</numerusform>
                <numerusform>%n gyfnod</numerusform>
                <numerusform>%n chyfnod</numerusform>
                <numerusform>%n cyfnod</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n step(s)</source>
            <translation>
                <numerusform>%n cam</numerusform>
                <numerusform>%n cam</numerusform>
                <numerusform>%n gam</numerusform>
                <numerusform>%n cham</numerusform>
                <numerusform>%n cam</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n (dependency|dependencies)</source>
            <translation>
                <numerusform>%n dibyniaeth</numerusform>
                <numerusform>%n dibyniaeth</numerusform>
                <numerusform>%n ddibyniaeth</numerusform>
                <numerusform>%n dibyniaeth</numerusform>
                <numerusform>%n dibyniaeth</numerusform>
            </translation>
        </message>
        <message>
            <source>Delete {0}</source>
            <translation>Dileu {0}</translation>
        </message>
    </context>
    <context>
        <name>MapInteraction</name>
        <message>
            <source>Dependency added. Set its kind and hand-off in the inspector.</source>
            <translation>Ychwanegwyd dibyniaeth. Gosodwch ei math a'i throsglwyddiad yn yr archwilydd.</translation>
        </message>
        <message>
            <source>Select a card first (the arrow keys move between cards), then press D to draw a dependency from it.</source>
            <translation>Dewiswch gerdyn yn gyntaf (mae'r bysellau saeth yn symud rhwng cardiau), yna pwyswch D i lunio dibyniaeth ohono.</translation>
        </message>
        <message>
            <source>Drawing a dependency from {source}: the arrow keys choose the step it leads to, Enter links them, Escape cancels.</source>
            <translation>Yn llunio dibyniaeth o {source}: mae'r bysellau saeth yn dewis y cam y mae'n arwain ato, mae Enter yn eu cysylltu, mae Escape yn canslo.</translation>
        </message>
        <message>
            <source>Dependency from {source} to {target}: Enter links them, Escape cancels.</source>
            <translation>Dibyniaeth o {source} i {target}: mae Enter yn eu cysylltu, mae Escape yn canslo.</translation>
        </message>
        <message>
            <source>Choose the step it leads to with the arrow keys first, or press Escape.</source>
            <translation>Dewiswch y cam y mae'n arwain ato â'r bysellau saeth yn gyntaf, neu pwyswch Escape.</translation>
        </message>
        <message>
            <source>Dependency added from {source} to {target}. Set its kind and hand-off in the inspector.</source>
            <translation>Ychwanegwyd dibyniaeth o {source} i {target}. Gosodwch ei math a'i throsglwyddiad yn yr archwilydd.</translation>
        </message>
        <message>
            <source>No dependency drawn.</source>
            <translation>Ni luniwyd dibyniaeth.</translation>
        </message>
    </context>
    <context>
        <name>MapLegend</name>
        <message>
            <source>A step; its owner's colour on the left</source>
            <translation>Cam; lliw ei berchennog ar y chwith</translation>
        </message>
        <message>
            <source>Sequence (one step, then the next)</source>
            <translation>Dilyniant (un cam, yna'r nesaf)</translation>
        </message>
        <message>
            <source>Hand-off between organisations</source>
            <translation>Trosglwyddiad rhwng sefydliadau</translation>
        </message>
        <message>
            <source>Hand-off not agreed</source>
            <translation>Trosglwyddiad heb ei gytuno</translation>
        </message>
        <message>
            <source>Blocked by an open blocker</source>
            <translation>Wedi'i rwystro gan rwystr agored</translation>
        </message>
        <message>
            <source>Alternative (one or the other)</source>
            <translation>Dewis arall (y naill neu'r llall)</translation>
        </message>
        <message>
            <source>Open blockers, and the worst</source>
            <translation>Rhwystrau agored, a'r gwaethaf</translation>
        </message>
        <message>
            <source>Asks again for data another organisation has</source>
            <translation>Yn gofyn eto am ddata sydd gan sefydliad arall</translation>
        </message>
        <message>
            <source>Legend</source>
            <translation>Allwedd</translation>
        </message>
        <message>
            <source>2 High</source>
            <translation>2 Uchel</translation>
        </message>
        <message>
            <source>Again</source>
            <translation>Eto</translation>
        </message>
    </context>
    <context>
        <name>MapMenus</name>
        <message>
            <source>Open a journey first.</source>
            <translation>Agorwch daith yn gyntaf.</translation>
        </message>
        <message>
            <source>Add stage</source>
            <translation>Ychwanegu cyfnod</translation>
        </message>
        <message>
            <source>Name of the new stage:</source>
            <translation>Enw'r cyfnod newydd:</translation>
        </message>
        <message>
            <source>Rename stage</source>
            <translation>Ailenwi'r cyfnod</translation>
        </message>
        <message>
            <source>Name of the stage:</source>
            <translation>Enw'r cyfnod:</translation>
        </message>
        <message>
            <source>Delete stage</source>
            <translation>Dileu'r cyfnod</translation>
        </message>
        <message numerus="yes">
            <source>Delete the stage “{0}” and its %n step(s)?
You can undo this with Edit &gt; Undo.</source>
            <translation>
                <numerusform>Dileu'r cyfnod “{0}” a'i %n cam?
Gallwch ddadwneud hyn â Golygu &gt; Dadwneud.</numerusform>
                <numerusform>Dileu'r cyfnod “{0}” a'i %n cam?
Gallwch ddadwneud hyn â Golygu &gt; Dadwneud.</numerusform>
                <numerusform>Dileu'r cyfnod “{0}” a'i %n gam?
Gallwch ddadwneud hyn â Golygu &gt; Dadwneud.</numerusform>
                <numerusform>Dileu'r cyfnod “{0}” a'i %n cham?
Gallwch ddadwneud hyn â Golygu &gt; Dadwneud.</numerusform>
                <numerusform>Dileu'r cyfnod “{0}” a'i %n cam?
Gallwch ddadwneud hyn â Golygu &gt; Dadwneud.</numerusform>
            </translation>
        </message>
        <message>
            <source>Select two cards (the first one first), or drag from a card's round handle to another card.</source>
            <translation>Dewiswch ddau gerdyn (y cyntaf yn gyntaf), neu llusgwch o ddolen gron cerdyn i gerdyn arall.</translation>
        </message>
        <message>
            <source>Delete steps</source>
            <translation>Dileu camau</translation>
        </message>
        <message>
            <source>Delete {0} steps?
You can undo this with Edit &gt; Undo.</source>
            <translation>Dileu {0} cam?
Gallwch ddadwneud hyn â Golygu &gt; Dadwneud.</translation>
        </message>
        <message>
            <source>Draw a dependency from the selected card…</source>
            <translation>Llunio dibyniaeth o'r cerdyn a ddewiswyd…</translation>
        </message>
        <message>
            <source>Move the card to the lane above</source>
            <translation>Symud y cerdyn i'r lôn uwchben</translation>
        </message>
        <message>
            <source>Move the card to the lane below</source>
            <translation>Symud y cerdyn i'r lôn isod</translation>
        </message>
        <message>
            <source>Move the card to the stage before</source>
            <translation>Symud y cerdyn i'r cyfnod blaenorol</translation>
        </message>
        <message>
            <source>Move the card to the stage after</source>
            <translation>Symud y cerdyn i'r cyfnod nesaf</translation>
        </message>
        <message>
            <source>Move the card earlier in its stage</source>
            <translation>Symud y cerdyn yn gynharach yn ei gyfnod</translation>
        </message>
        <message>
            <source>Move the card later in its stage</source>
            <translation>Symud y cerdyn yn hwyrach yn ei gyfnod</translation>
        </message>
        <message>
            <source>Open the selected card's menu</source>
            <translation>Agor dewislen y cerdyn a ddewiswyd</translation>
        </message>
        <message>
            <source>Add step here ({0}, {1})</source>
            <translation>Ychwanegu cam yma ({0}, {1})</translation>
        </message>
        <message>
            <source>Select a card, an arrow or a stage first (the arrow keys move between cards).</source>
            <translation>Dewiswch gerdyn, saeth neu gyfnod yn gyntaf (mae'r bysellau saeth yn symud rhwng cardiau).</translation>
        </message>
        <message>
            <source>Edit title</source>
            <translation>Golygu'r teitl</translation>
        </message>
        <message>
            <source>Edit details…</source>
            <translation>Golygu'r manylion…</translation>
        </message>
        <message>
            <source>Draw a dependency from this step…</source>
            <translation>Llunio dibyniaeth o'r cam hwn…</translation>
        </message>
        <message>
            <source>Add dependency (first → second)</source>
            <translation>Ychwanegu dibyniaeth (cyntaf → ail)</translation>
        </message>
        <message>
            <source>Raise blocker…</source>
            <translation>Codi rhwystr…</translation>
        </message>
        <message>
            <source>Delete step</source>
            <translation>Dileu'r cam</translation>
        </message>
        <message>
            <source>Delete {0} steps</source>
            <translation>Dileu {0} cam</translation>
        </message>
        <message>
            <source>Move to stage</source>
            <translation>Symud i gyfnod</translation>
        </message>
        <message>
            <source>Move to lane</source>
            <translation>Symud i lôn</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Math</translation>
        </message>
        <message>
            <source>Change dependency kind</source>
            <translation>Newid math y ddibyniaeth</translation>
        </message>
        <message>
            <source>Agreed between the organisations</source>
            <translation>Wedi'i gytuno rhwng y sefydliadau</translation>
        </message>
        <message>
            <source>Agree hand-off</source>
            <translation>Cytuno ar y trosglwyddiad</translation>
        </message>
        <message>
            <source>Mark hand-off not agreed</source>
            <translation>Nodi nad yw'r trosglwyddiad wedi'i gytuno</translation>
        </message>
        <message>
            <source>Delete dependency</source>
            <translation>Dileu'r ddibyniaeth</translation>
        </message>
        <message>
            <source>Rename stage…</source>
            <translation>Ailenwi'r cyfnod…</translation>
        </message>
        <message>
            <source>Add stage after…</source>
            <translation>Ychwanegu cyfnod ar ôl…</translation>
        </message>
        <message>
            <source>Move stage earlier</source>
            <translation>Symud y cyfnod yn gynharach</translation>
        </message>
        <message>
            <source>Move stage later</source>
            <translation>Symud y cyfnod yn hwyrach</translation>
        </message>
        <message>
            <source>Delete stage…</source>
            <translation>Dileu'r cyfnod…</translation>
        </message>
    </context>
    <context>
        <name>MapStyles</name>
        <message>
            <source>very unhappy</source>
            <translation>anhapus iawn</translation>
        </message>
        <message>
            <source>unhappy</source>
            <translation>anhapus</translation>
        </message>
        <message>
            <source>neutral</source>
            <translation>niwtral</translation>
        </message>
        <message>
            <source>happy</source>
            <translation>hapus</translation>
        </message>
        <message>
            <source>very happy</source>
            <translation>hapus iawn</translation>
        </message>
    </context>
    <context>
        <name>MapViewBase</name>
        <message>
            <source>Journey map</source>
            <translation>Map y daith</translation>
        </message>
        <message>
            <source>Stages across, organisations down; each card is a step. Arrow keys move between cards.</source>
            <translation>Cyfnodau ar draws, sefydliadau i lawr; mae pob cerdyn yn gam. Mae'r bysellau saeth yn symud rhwng cardiau.</translation>
        </message>
    </context>
    <context>
        <name>MemberForm</name>
        <message>
            <source>Member</source>
            <translation>Aelod</translation>
        </message>
        <message>
            <source>None</source>
            <translation>Dim</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Enw</translation>
        </message>
        <message>
            <source>&amp;Email</source>
            <translation>E-&amp;bost</translation>
        </message>
        <message>
            <source>&amp;Role</source>
            <translation>&amp;Rôl</translation>
        </message>
        <message>
            <source>&amp;Organisation</source>
            <translation>&amp;Sefydliad</translation>
        </message>
        <message>
            <source>Sub-groups</source>
            <translation>Is-grwpiau</translation>
        </message>
    </context>
    <context>
        <name>Navigator</name>
        <message>
            <source>Find out</source>
            <translation>Darganfod</translation>
        </message>
        <message>
            <source>Do it</source>
            <translation>Ei wneud</translation>
        </message>
        <message>
            <source>Follow up</source>
            <translation>Dilyn i fyny</translation>
        </message>
        <message>
            <source>A journey needs a name: type what the user is trying to do, or press Cancel.</source>
            <translation>Mae angen enw ar daith: teipiwch beth mae'r defnyddiwr yn ceisio'i wneud, neu pwyswch Canslo.</translation>
        </message>
        <message numerus="yes">
            <source>%n step(s)</source>
            <translation>
                <numerusform>%n cam</numerusform>
                <numerusform>%n cam</numerusform>
                <numerusform>%n gam</numerusform>
                <numerusform>%n cham</numerusform>
                <numerusform>%n cam</numerusform>
            </translation>
        </message>
        <message>
            <source>{0}  ({1} · to-be of “{2}”)</source>
            <translation>{0}  ({1} · fel y bydd “{2}”)</translation>
        </message>
        <message>
            <source>{0}  ({1} · to-be)</source>
            <translation>{0}  ({1} · fel y bydd)</translation>
        </message>
        <message>
            <source>{0}  ({1})</source>
            <translation>{0}  ({1})</translation>
        </message>
        <message>
            <source>Journeys, organisations and members</source>
            <translation>Teithiau, sefydliadau ac aelodau</translation>
        </message>
        <message>
            <source>New journey…</source>
            <translation>Taith newydd…</translation>
        </message>
        <message>
            <source>&amp;Rename…</source>
            <translation>&amp;Ailenwi…</translation>
        </message>
        <message>
            <source>&amp;Duplicate</source>
            <translation>&amp;Dyblygu</translation>
        </message>
        <message>
            <source>Copy as &amp;to-be</source>
            <translation>Copïo fel &amp;y bydd</translation>
        </message>
        <message>
            <source>&amp;Compare with…</source>
            <translation>&amp;Cymharu â…</translation>
        </message>
        <message>
            <source>Move &amp;up</source>
            <translation>Symud i f&amp;yny</translation>
        </message>
        <message>
            <source>Move do&amp;wn</source>
            <translation>Symud i l&amp;awr</translation>
        </message>
        <message>
            <source>De&amp;lete…</source>
            <translation>D&amp;ileu…</translation>
        </message>
        <message>
            <source>Journeys</source>
            <translation>Teithiau</translation>
        </message>
        <message>
            <source>Organisations</source>
            <translation>Sefydliadau</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Aelodau</translation>
        </message>
        <message>
            <source>Show “{0}” on the map. F2 renames it, Ctrl+D duplicates it, Alt+Up and Alt+Down move it, Delete deletes it (undoable); right-click for more</source>
            <translation>Dangos “{0}” ar y map. Mae F2 yn ei hailenwi, Ctrl+D yn ei dyblygu, Alt+Up ac Alt+Down yn ei symud, Delete yn ei dileu (gellir dadwneud); de-gliciwch am fwy</translation>
        </message>
        <message>
            <source>Select this organisation's steps on the map</source>
            <translation>Dewis camau'r sefydliad hwn ar y map</translation>
        </message>
        <message>
            <source>{0}  (you)</source>
            <translation>{0}  (chi)</translation>
        </message>
        <message>
            <source>Right-click: “This is me” puts your organisation's lane on top of the map</source>
            <translation>De-gliciwch: mae “Fi yw hwn” yn rhoi lôn eich sefydliad ar frig y map</translation>
        </message>
        <message>
            <source>Add a stage…</source>
            <translation>Ychwanegu cyfnod…</translation>
        </message>
        <message>
            <source>Add a step for an organisation…</source>
            <translation>Ychwanegu cam ar gyfer sefydliad…</translation>
        </message>
        <message>
            <source>“{0}” is empty. Its map has a column per stage and a lane per organisation that owns a step: add a stage first.</source>
            <translation>Mae “{0}” yn wag. Mae gan ei map golofn ar gyfer pob cyfnod a lôn ar gyfer pob sefydliad sy'n berchen ar gam: ychwanegwch gyfnod yn gyntaf.</translation>
        </message>
        <message>
            <source>“{0}” has no steps yet, and the community no organisations to own them: add organisations (Community &gt; Organisations and members), then a step for each.</source>
            <translation>Nid oes camau yn “{0}” eto, ac nid oes gan y gymuned sefydliadau i fod yn berchen arnynt: ychwanegwch sefydliadau (Cymuned &gt; Sefydliadau ac aelodau), yna gam ar gyfer pob un.</translation>
        </message>
        <message>
            <source>“{0}” has no steps yet, so only the “No owner” lane shows. Each organisation gets a lane when it owns a step: add a step for an organisation, or double-click the map.</source>
            <translation>Nid oes camau yn “{0}” eto, felly dim ond y lôn “Dim perchennog” sydd i'w gweld. Mae pob sefydliad yn cael lôn pan fydd yn berchen ar gam: ychwanegwch gam ar gyfer sefydliad, neu cliciwch ddwywaith ar y map.</translation>
        </message>
        <message>
            <source>Add a stage</source>
            <translation>Ychwanegu cyfnod</translation>
        </message>
        <message>
            <source>Name of the stage (a phase of the journey, e.g. “Register”):</source>
            <translation>Enw'r cyfnod (rhan o'r daith, e.e. “Cofrestru”):</translation>
        </message>
        <message>
            <source>No stage added</source>
            <translation>Ni ychwanegwyd cyfnod</translation>
        </message>
        <message>
            <source>A stage needs a name: type one, or press Cancel.</source>
            <translation>Mae angen enw ar gyfnod: teipiwch un, neu pwyswch Canslo.</translation>
        </message>
        <message>
            <source>Add stage “{0}”</source>
            <translation>Ychwanegu cyfnod “{0}”</translation>
        </message>
        <message>
            <source>The stage was not added</source>
            <translation>Ni ychwanegwyd y cyfnod</translation>
        </message>
        <message>
            <source>Add a step for an organisation</source>
            <translation>Ychwanegu cam ar gyfer sefydliad</translation>
        </message>
        <message>
            <source>The organisation that owns the step:</source>
            <translation>Y sefydliad sy'n berchen ar y cam:</translation>
        </message>
        <message>
            <source>What the user does at this step:</source>
            <translation>Beth mae'r defnyddiwr yn ei wneud yn y cam hwn:</translation>
        </message>
        <message>
            <source>No step added</source>
            <translation>Ni ychwanegwyd cam</translation>
        </message>
        <message>
            <source>A step needs a title: type one, or press Cancel.</source>
            <translation>Mae angen teitl ar gam: teipiwch un, neu pwyswch Canslo.</translation>
        </message>
        <message>
            <source>The step was not added</source>
            <translation>Ni ychwanegwyd y cam</translation>
        </message>
        <message>
            <source>This is me</source>
            <translation>Fi yw hwn</translation>
        </message>
        <message>
            <source>Show on the map</source>
            <translation>Dangos ar y map</translation>
        </message>
        <message>
            <source>&amp;New journey…</source>
            <translation>Taith &amp;newydd…</translation>
        </message>
        <message>
            <source>Rename journey</source>
            <translation>Ailenwi'r daith</translation>
        </message>
        <message>
            <source>Name of the journey (what the user is trying to do):</source>
            <translation>Enw'r daith (beth mae'r defnyddiwr yn ceisio'i wneud):</translation>
        </message>
        <message>
            <source>The journey was not renamed</source>
            <translation>Ni chafodd y daith ei hailenwi</translation>
        </message>
        <message>
            <source>{0} It keeps its name “{1}”.</source>
            <translation>{0} Mae'n cadw ei henw “{1}”.</translation>
        </message>
        <message>
            <source>Rename journey “{0}”</source>
            <translation>Ailenwi'r daith “{0}”</translation>
        </message>
        <message>
            <source>The journey was not copied</source>
            <translation>Ni chafodd y daith ei chopïo</translation>
        </message>
        <message>
            <source>The journeys were not reordered</source>
            <translation>Ni chafodd y teithiau eu haildrefnu</translation>
        </message>
        <message>
            <source>Delete journey</source>
            <translation>Dileu'r daith</translation>
        </message>
        <message>
            <source>Delete “{0}” with its {1} and {2}? Edit &gt; Undo brings it back.</source>
            <translation>Dileu “{0}” gyda'i {1} a'i {2}? Mae Golygu &gt; Dadwneud yn dod â hi'n ôl.</translation>
        </message>
        <message numerus="yes">
            <source>%n stage(s)</source>
            <translation>
                <numerusform>%n cyfnod</numerusform>
                <numerusform>%n cyfnod</numerusform>
                <numerusform>%n gyfnod</numerusform>
                <numerusform>%n chyfnod</numerusform>
                <numerusform>%n cyfnod</numerusform>
            </translation>
        </message>
        <message>
            <source>The journey was not deleted</source>
            <translation>Ni chafodd y daith ei dileu</translation>
        </message>
        <message>
            <source>No community</source>
            <translation>Dim cymuned</translation>
        </message>
        <message>
            <source>This workspace has no community yet; import a bundle first.</source>
            <translation>Nid oes cymuned yn y gweithle hwn eto; mewnforiwch fwndel yn gyntaf.</translation>
        </message>
        <message>
            <source>New journey</source>
            <translation>Taith newydd</translation>
        </message>
        <message>
            <source>No journey created</source>
            <translation>Ni chrëwyd taith</translation>
        </message>
        <message>
            <source>New journey “{0}”</source>
            <translation>Taith newydd “{0}”</translation>
        </message>
        <message>
            <source>The journey was not created</source>
            <translation>Ni chafodd y daith ei chreu</translation>
        </message>
    </context>
    <context>
        <name>NetworkView</name>
        <message>
            <source>Dependency graph</source>
            <translation>Graff dibyniaethau</translation>
        </message>
        <message>
            <source>Circles are organisations or steps, arrows the hand-offs between them; the status line under the graph sums it up</source>
            <translation>Sefydliadau neu gamau yw'r cylchoedd, a'r saethau yw'r trosglwyddiadau rhyngddynt; mae'r llinell statws o dan y graff yn ei grynhoi</translation>
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
            <source>Edit note…</source>
            <translation>Golygu nodyn…</translation>
        </message>
        <message>
            <source>Edit the chosen note</source>
            <translation>Golygu'r nodyn a ddewiswyd</translation>
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
            <source>Edit…</source>
            <translation>Golygu…</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Dileu</translation>
        </message>
        <message>
            <source>Edit note</source>
            <translation>Golygu nodyn</translation>
        </message>
        <message>
            <source>The note's words:</source>
            <translation>Geiriau'r nodyn:</translation>
        </message>
        <message>
            <source>A note needs words: Delete note removes it.</source>
            <translation>Mae angen geiriau ar nodyn: mae Dileu nodyn yn ei dynnu.</translation>
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
        <name>OrganisationForm</name>
        <message>
            <source>Organisation</source>
            <translation>Sefydliad</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Dewis…</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>&amp;Enw</translation>
        </message>
        <message>
            <source>&amp;Short name</source>
            <translation>Enw &amp;byr</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>&amp;Math</translation>
        </message>
        <message>
            <source>&amp;Colour</source>
            <translation>&amp;Lliw</translation>
        </message>
        <message>
            <source>Organisation colour</source>
            <translation>Lliw'r sefydliad</translation>
        </message>
    </context>
    <context>
        <name>OrganisationView</name>
        <message>
            <source>not agreed</source>
            <translation>heb ei gytuno</translation>
        </message>
        <message>
            <source>blocked</source>
            <translation>wedi'i rwystro</translation>
        </message>
        <message>
            <source>from {0}</source>
            <translation>o {0}</translation>
        </message>
        <message>
            <source>to {0}</source>
            <translation>i {0}</translation>
        </message>
        <message>
            <source>… and {0} more</source>
            <translation>… a {0} arall</translation>
        </message>
        <message>
            <source>{0} · people in the community: {1}</source>
            <translation>{0} · pobl yn y gymuned: {1}</translation>
        </message>
        <message numerus="yes">
            <source>Owns %n step(s) in {0}</source>
            <translation>
                <numerusform>Yn berchen ar %n cam yn {0}</numerusform>
                <numerusform>Yn berchen ar %n cam yn {0}</numerusform>
                <numerusform>Yn berchen ar %n gam yn {0}</numerusform>
                <numerusform>Yn berchen ar %n cham yn {0}</numerusform>
                <numerusform>Yn berchen ar %n cam yn {0}</numerusform>
            </translation>
        </message>
        <message>
            <source>{0}, supports {1} more</source>
            <translation>{0}, yn cefnogi {1} arall</translation>
        </message>
        <message>
            <source>Hand-offs in: {0}</source>
            <translation>Trosglwyddiadau i mewn: {0}</translation>
        </message>
        <message>
            <source>Hand-offs out: {0}</source>
            <translation>Trosglwyddiadau allan: {0}</translation>
        </message>
        <message>
            <source>Open blockers it owns: {0}</source>
            <translation>Rhwystrau agored y mae'n berchen arnynt: {0}</translation>
        </message>
        <message>
            <source>Open blockers it causes for others: {0}</source>
            <translation>Rhwystrau agored y mae'n eu hachosi i eraill: {0}</translation>
        </message>
        <message>
            <source>People</source>
            <translation>Pobl</translation>
        </message>
        <message>
            <source>&lt;p&gt;&lt;b&gt;Nobody from this organisation is in the community.&lt;/b&gt;&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;Nid oes neb o'r sefydliad hwn yn y gymuned.&lt;/b&gt;&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Organisation summary</source>
            <translation>Crynodeb o'r sefydliad</translation>
        </message>
        <message>
            <source>What the selected organisation owns, its hand-offs and blockers; Tab moves between the links</source>
            <translation>Beth mae'r sefydliad a ddewiswyd yn berchen arno, ei drosglwyddiadau a'i rwystrau; mae Tab yn symud rhwng y dolenni</translation>
        </message>
        <message>
            <source>&lt;p&gt;Select an organisation to see what it owns, its hand-offs and its blockers.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Dewiswch sefydliad i weld beth mae'n berchen arno, ei drosglwyddiadau a'i rwystrau.&lt;/p&gt;</translation>
        </message>
    </context>
    <context>
        <name>OutlineModel</name>
        <message>
            <source>No owner yet</source>
            <translation>Dim perchennog eto</translation>
        </message>
        <message>
            <source>None</source>
            <translation>Dim</translation>
        </message>
        <message>
            <source>Owner: {0}</source>
            <translation>Perchennog: {0}</translation>
        </message>
        <message>
            <source>Channels: {0}</source>
            <translation>Sianeli: {0}</translation>
        </message>
        <message>
            <source>Hand-offs in: {0}</source>
            <translation>Trosglwyddiadau i mewn: {0}</translation>
        </message>
        <message>
            <source>Hand-offs out: {0}</source>
            <translation>Trosglwyddiadau allan: {0}</translation>
        </message>
        <message>
            <source>no owner yet</source>
            <translation>dim perchennog eto</translation>
        </message>
        <message>
            <source>severity not given</source>
            <translation>difrifoldeb heb ei roi</translation>
        </message>
        <message>
            <source>{0} ({1})</source>
            <translation>{0} ({1})</translation>
        </message>
        <message>
            <source>{0} (worst {1})</source>
            <translation>{0} (y gwaethaf: {1})</translation>
        </message>
    </context>
    <context>
        <name>OutlinePanel</name>
        <message>
            <source>Journey outline</source>
            <translation>Amlinelliad o'r daith</translation>
        </message>
        <message>
            <source>The map as a list: stages, then their steps with owner, channels, open blockers and hand-offs. F2 renames a step, Control+B raises a blocker on it, Enter opens it in the inspector.</source>
            <translation>Y map fel rhestr: cyfnodau, yna eu camau gyda'r perchennog, sianeli, rhwystrau agored a throsglwyddiadau. Mae F2 yn ailenwi cam, Control+B yn codi rhwystr arno, Enter yn ei agor yn yr archwilydd.</translation>
        </message>
        <message>
            <source>Open a journey to see its outline.</source>
            <translation>Agorwch daith i weld ei hamlinelliad.</translation>
        </message>
        <message>
            <source>Rename step</source>
            <translation>Ailenwi'r cam</translation>
        </message>
        <message>
            <source>Raise a blocker on this step…</source>
            <translation>Codi rhwystr ar y cam hwn…</translation>
        </message>
        <message>
            <source>Open in the inspector</source>
            <translation>Agor yn yr archwilydd</translation>
        </message>
        <message>
            <source>Show on the map</source>
            <translation>Dangos ar y map</translation>
        </message>
        <message>
            <source>The outline could not be read: {0}</source>
            <translation>Methu â darllen yr amlinelliad: {0}</translation>
        </message>
        <message>
            <source>Outline of the journey {0}</source>
            <translation>Amlinelliad o'r daith {0}</translation>
        </message>
        <message>
            <source>Change step title</source>
            <translation>Newid teitl y cam</translation>
        </message>
        <message>
            <source>That change was not made</source>
            <translation>Ni wnaed y newid hwnnw</translation>
        </message>
    </context>
    <context>
        <name>Panels</name>
        <message>
            <source>Blockers</source>
            <translation>Rhwystrau</translation>
        </message>
        <message>
            <source>Charts</source>
            <translation>Siartiau</translation>
        </message>
        <message>
            <source>Insights</source>
            <translation>Mewnwelediadau</translation>
        </message>
        <message>
            <source>Dependency graph</source>
            <translation>Graff dibyniaethau</translation>
        </message>
        <message>
            <source>Journey outline</source>
            <translation>Amlinelliad o'r daith</translation>
        </message>
        <message>
            <source>&amp;Who am I…</source>
            <translation>&amp;Pwy ydw i…</translation>
        </message>
        <message>
            <source>Choose who you are: blockers and updates carry your name</source>
            <translation>Dewiswch pwy ydych chi: mae rhwystrau a diweddariadau'n cario eich enw</translation>
        </message>
        <message>
            <source>&amp;Organisations and members…</source>
            <translation>&amp;Sefydliadau ac aelodau…</translation>
        </message>
        <message>
            <source>Organisations, members and sub-groups; what each organisation owns</source>
            <translation>Sefydliadau, aelodau ac is-grwpiau; beth mae pob sefydliad yn berchen arno</translation>
        </message>
        <message>
            <source>&amp;Raise blocker…</source>
            <translation>&amp;Codi rhwystr…</translation>
        </message>
        <message>
            <source>Raise a blocker, linked to the steps selected on the map</source>
            <translation>Codi rhwystr, wedi'i gysylltu â'r camau a ddewiswyd ar y map</translation>
        </message>
        <message>
            <source>&amp;Analyse again</source>
            <translation>&amp;Dadansoddi eto</translation>
        </message>
        <message>
            <source>Run the analysis of the journey again</source>
            <translation>Rhedeg dadansoddiad y daith eto</translation>
        </message>
        <message>
            <source>Export &amp;chart as PNG…</source>
            <translation>Allforio'r &amp;siart fel PNG…</translation>
        </message>
        <message>
            <source>Save the chart shown as a PNG image</source>
            <translation>Cadw'r siart a ddangosir fel delwedd PNG</translation>
        </message>
        <message>
            <source>Go to the journey &amp;outline</source>
            <translation>Mynd i &amp;amlinelliad y daith</translation>
        </message>
        <message>
            <source>The map as a list a screen reader can walk: stages, steps, owners, blockers, hand-offs</source>
            <translation>Y map fel rhestr y gall darllenydd sgrin ei dilyn: cyfnodau, camau, perchnogion, rhwystrau, trosglwyddiadau</translation>
        </message>
        <message>
            <source>Working as {0} · &lt;a href='choose'&gt;change&lt;/a&gt;</source>
            <translation>Yn gweithio fel {0} · &lt;a href='choose'&gt;newid&lt;/a&gt;</translation>
        </message>
        <message>
            <source>&lt;a href='choose'&gt;Who are you?&lt;/a&gt; Blockers you raise carry your name.</source>
            <translation>&lt;a href='choose'&gt;Pwy ydych chi?&lt;/a&gt; Mae'r rhwystrau rydych yn eu codi yn cario eich enw.</translation>
        </message>
        <message>
            <source>&amp;Community</source>
            <translation>&amp;Cymuned</translation>
        </message>
    </context>
    <context>
        <name>Panes</name>
        <message>
            <source>Left-hand panels</source>
            <translation>Paneli ar y chwith</translation>
        </message>
        <message>
            <source>Right-hand panels</source>
            <translation>Paneli ar y dde</translation>
        </message>
        <message>
            <source>Bottom panels</source>
            <translation>Paneli ar y gwaelod</translation>
        </message>
        <message>
            <source>Top panels</source>
            <translation>Paneli ar y brig</translation>
        </message>
        <message>
            <source>Next pane</source>
            <translation>Y cwarel nesaf</translation>
        </message>
        <message>
            <source>Previous pane</source>
            <translation>Y cwarel blaenorol</translation>
        </message>
        <message>
            <source>Move to the next pane: the map, then each panel</source>
            <translation>Symud i'r cwarel nesaf: y map, yna pob panel</translation>
        </message>
        <message>
            <source>Move to the previous pane: the map, then each panel</source>
            <translation>Symud i'r cwarel blaenorol: y map, yna pob panel</translation>
        </message>
        <message>
            <source>Panels</source>
            <translation>Paneli</translation>
        </message>
        <message>
            <source>Switch between {0}; left and right arrows choose</source>
            <translation>Newid rhwng {0}; mae'r saethau chwith a de yn dewis</translation>
        </message>
    </context>
    <context>
        <name>PeopleDialog</name>
        <message>
            <source>Organisations and members</source>
            <translation>Sefydliadau ac aelodau</translation>
        </message>
    </context>
    <context>
        <name>PeopleWidget</name>
        <message>
            <source>None</source>
            <translation>Dim</translation>
        </message>
        <message>
            <source>Give it a name.</source>
            <translation>Rhowch enw iddo.</translation>
        </message>
        <message>
            <source>Organisations, members and sub-groups</source>
            <translation>Sefydliadau, aelodau ac is-grwpiau</translation>
        </message>
        <message>
            <source>Organisations</source>
            <translation>Sefydliadau</translation>
        </message>
        <message>
            <source>organisation</source>
            <translation>sefydliad</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Aelodau</translation>
        </message>
        <message>
            <source>member</source>
            <translation>aelod</translation>
        </message>
        <message>
            <source>Sub-groups</source>
            <translation>Is-grwpiau</translation>
        </message>
        <message>
            <source>sub-group</source>
            <translation>is-grŵp</translation>
        </message>
        <message>
            <source>Add an organisation</source>
            <translation>Ychwanegu sefydliad</translation>
        </message>
        <message>
            <source>Add organisation {0}</source>
            <translation>Ychwanegu sefydliad {0}</translation>
        </message>
        <message>
            <source>Edit organisation</source>
            <translation>Golygu sefydliad</translation>
        </message>
        <message>
            <source>Edit organisation {0}</source>
            <translation>Golygu sefydliad {0}</translation>
        </message>
        <message>
            <source>Add a member</source>
            <translation>Ychwanegu aelod</translation>
        </message>
        <message>
            <source>Add member {0}</source>
            <translation>Ychwanegu aelod {0}</translation>
        </message>
        <message>
            <source>Edit member</source>
            <translation>Golygu aelod</translation>
        </message>
        <message>
            <source>Edit member {0}</source>
            <translation>Golygu aelod {0}</translation>
        </message>
        <message>
            <source>Add a sub-group</source>
            <translation>Ychwanegu is-grŵp</translation>
        </message>
        <message>
            <source>Add sub-group {0}</source>
            <translation>Ychwanegu is-grŵp {0}</translation>
        </message>
        <message>
            <source>Edit sub-group</source>
            <translation>Golygu is-grŵp</translation>
        </message>
        <message>
            <source>Edit sub-group {0}</source>
            <translation>Golygu is-grŵp {0}</translation>
        </message>
        <message>
            <source>Delete organisation {0}</source>
            <translation>Dileu sefydliad {0}</translation>
        </message>
        <message>
            <source>Delete member {0}</source>
            <translation>Dileu aelod {0}</translation>
        </message>
        <message>
            <source>Delete sub-group {0}</source>
            <translation>Dileu is-grŵp {0}</translation>
        </message>
    </context>
    <context>
        <name>ShortcutsDialog</name>
        <message>
            <source>Keyboard shortcuts</source>
            <translation>Llwybrau byr bysellfwrdd</translation>
        </message>
        <message>
            <source>Every command has a key. On the map: arrow keys move between cards, Shift+arrows extend the selection, Ctrl+arrows move the selected cards to the next stage or lane, Ctrl+Shift+Left/Right move a card within its stage, Enter or F2 edits the title, Escape clears the selection, Space+drag or the middle button pans, Ctrl+wheel zooms.</source>
            <translation>Mae gan bob gorchymyn fysell. Ar y map: mae'r bysellau saeth yn symud rhwng cardiau, Shift+saethau yn ymestyn y dewis, Ctrl+saethau yn symud y cardiau a ddewiswyd i'r cyfnod neu'r lôn nesaf, Ctrl+Shift+Chwith/De yn symud cerdyn o fewn ei gyfnod, Enter neu F2 yn golygu'r teitl, Escape yn clirio'r dewis, Space+llusgo neu'r botwm canol yn symud y map, Ctrl+olwyn yn chwyddo.</translation>
        </message>
        <message>
            <source>Menu</source>
            <translation>Dewislen</translation>
        </message>
        <message>
            <source>Command</source>
            <translation>Gorchymyn</translation>
        </message>
        <message>
            <source>Keys</source>
            <translation>Bysellau</translation>
        </message>
    </context>
    <context>
        <name>SpreadsheetPreviewDialog</name>
        <message>
            <source>New</source>
            <translation>Newydd</translation>
        </message>
        <message>
            <source>Update</source>
            <translation>Diweddaru</translation>
        </message>
        <message>
            <source>Unchanged</source>
            <translation>Heb newid</translation>
        </message>
        <message>
            <source>Import steps from {0}</source>
            <translation>Mewnforio camau o {0}</translation>
        </message>
        <message>
            <source>Import blockers from {0}</source>
            <translation>Mewnforio rhwystrau o {0}</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>Rhes</translation>
        </message>
        <message>
            <source>Import as</source>
            <translation>Mewnforio fel</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Problemau</translation>
        </message>
        <message>
            <source>Rows to import</source>
            <translation>Rhesi i'w mewnforio</translation>
        </message>
        <message>
            <source>Each row of the file, whether it will be imported, and why not</source>
            <translation>Pob rhes o'r ffeil, a fydd yn cael ei mewnforio, a pham lai</translation>
        </message>
        <message>
            <source>Not imported</source>
            <translation>Heb ei mewnforio</translation>
        </message>
        <message>
            <source>{0} (new stage “{1}”)</source>
            <translation>{0} (cyfnod newydd “{1}”)</translation>
        </message>
        <message>
            <source>&amp;Import</source>
            <translation>&amp;Mewnforio</translation>
        </message>
        <message numerus="yes">
            <source>Import the %n good row(s)</source>
            <translation>
                <numerusform>Mewnforio'r rhesi da (%n)</numerusform>
                <numerusform>Mewnforio'r rhesi da (%n)</numerusform>
                <numerusform>Mewnforio'r rhesi da (%n)</numerusform>
                <numerusform>Mewnforio'r rhesi da (%n)</numerusform>
                <numerusform>Mewnforio'r rhesi da (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>Nothing has been written yet. Importing cannot be undone.</source>
            <translation>Does dim wedi'i ysgrifennu eto. Ni ellir dadwneud mewnforio.</translation>
        </message>
    </context>
    <context>
        <name>StageRuler</name>
        <message>
            <source>Stages</source>
            <translation>Cyfnodau</translation>
        </message>
        <message>
            <source>Stages: click to select, double-click to rename, drag to reorder, right-click for more</source>
            <translation>Cyfnodau: cliciwch i ddewis, cliciwch ddwywaith i ailenwi, llusgwch i aildrefnu, de-gliciwch am fwy</translation>
        </message>
        <message>
            <source>Stage {0}</source>
            <translation>Cyfnod {0}</translation>
        </message>
    </context>
    <context>
        <name>StartupProblem</name>
        <message>
            <source>Service Community cannot open the workspace</source>
            <translation>Ni all Service Community agor y gweithle</translation>
        </message>
        <message>
            <source>Nothing was changed in that file.</source>
            <translation>Ni newidiwyd dim yn y ffeil honno.</translation>
        </message>
        <message>
            <source>Open another workspace…</source>
            <translation>Agor gweithle arall…</translation>
        </message>
        <message>
            <source>Start a new workspace…</source>
            <translation>Dechrau gweithle newydd…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Gadael</translation>
        </message>
        <message>
            <source>The latest good backup is from {0}. Restoring it keeps the damaged file beside it, renamed, so nothing is lost; changes made since that backup are not in it.</source>
            <translation>Mae'r copi wrth gefn da diweddaraf o {0}. Mae ei adfer yn cadw'r ffeil sydd wedi'i difrodi wrth ei ochr, wedi'i hailenwi, fel nad oes dim yn cael ei golli; nid yw'r newidiadau a wnaed ers y copi wrth gefn hwnnw ynddo.</translation>
        </message>
        <message>
            <source>&amp;Restore the backup from {0}</source>
            <translation>&amp;Adfer y copi wrth gefn o {0}</translation>
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
        <name>StepMeasuresChart</name>
        <message>
            <source>No steps in this journey yet.</source>
            <translation>Dim camau yn y daith hon eto.</translation>
        </message>
    </context>
    <context>
        <name>Welcome</name>
        <message>
            <source>&amp;Welcome</source>
            <translation>&amp;Croeso</translation>
        </message>
        <message>
            <source>What the app is for, the demo, a blank journey or an import</source>
            <translation>Beth yw diben yr ap, yr enghraifft, taith wag neu fewnforio</translation>
        </message>
    </context>
    <context>
        <name>WelcomeDialog</name>
        <message>
            <source>Welcome to Service Community</source>
            <translation>Croeso i Service Community</translation>
        </message>
        <message>
            <source>Welcome</source>
            <translation>Croeso</translation>
        </message>
        <message>
            <source>&lt;h2&gt;Map a journey across government&lt;/h2&gt;</source>
            <translation>&lt;h2&gt;Mapio taith ar draws y llywodraeth&lt;/h2&gt;</translation>
        </message>
        <message>
            <source>Service Community maps what a person goes through to get something done: the steps, which organisation owns each one, the hand-offs between them and the blockers in the way. Everything stays on this computer, in your workspace; share a map with another department as a bundle file. A demo community is loaded so that you can look around first.</source>
            <translation>Mae Service Community yn mapio'r hyn y mae person yn mynd drwyddo i gael rhywbeth wedi'i wneud: y camau, pa sefydliad sy'n berchen ar bob un, y trosglwyddiadau rhyngddynt a'r rhwystrau ar y ffordd. Mae popeth yn aros ar y cyfrifiadur hwn, yn eich gweithle; rhannwch fap ag adran arall fel ffeil bwndel. Mae cymuned enghreifftiol wedi'i llwytho er mwyn i chi gael golwg o gwmpas yn gyntaf.</translation>
        </message>
        <message>
            <source>&amp;Explore the demo</source>
            <translation>&amp;Archwilio'r enghraifft</translation>
        </message>
        <message>
            <source>Starting a Business: the organisations involved, their hand-offs and blockers.</source>
            <translation>Dechrau Busnes: y sefydliadau sy'n rhan ohono, eu trosglwyddiadau a'u rhwystrau.</translation>
        </message>
        <message>
            <source>Explore the demo</source>
            <translation>Archwilio'r enghraifft</translation>
        </message>
        <message>
            <source>This workspace has no demo journey.</source>
            <translation>Nid oes taith enghreifftiol yn y gweithle hwn.</translation>
        </message>
        <message>
            <source>Start a &amp;blank journey…</source>
            <translation>Dechrau taith &amp;wag…</translation>
        </message>
        <message>
            <source>Name it, then add organisations, stages and steps from the keyboard.</source>
            <translation>Rhowch enw iddi, yna ychwanegwch sefydliadau, cyfnodau a chamau o'r bysellfwrdd.</translation>
        </message>
        <message>
            <source>Start a blank journey</source>
            <translation>Dechrau taith wag</translation>
        </message>
        <message>
            <source>&amp;Import a file…</source>
            <translation>&amp;Mewnforio ffeil…</translation>
        </message>
        <message>
            <source>A bundle from a colleague, a spreadsheet or a GOV.UK step by step.</source>
            <translation>Bwndel gan gydweithiwr, taenlen neu gam wrth gam GOV.UK.</translation>
        </message>
        <message>
            <source>Import a file</source>
            <translation>Mewnforio ffeil</translation>
        </message>
        <message>
            <source>Help &gt; Welcome shows this again; Help &gt; Keyboard shortcuts lists every command.</source>
            <translation>Mae Help &gt; Croeso yn dangos hwn eto; mae Help &gt; Llwybrau byr bysellfwrdd yn rhestru pob gorchymyn.</translation>
        </message>
    </context>
    <context>
        <name>WhatIfView</name>
        <message>
            <source>Comparing…</source>
            <translation>Yn cymharu…</translation>
        </message>
        <message>
            <source>Remove the step</source>
            <translation>Dileu'r cam</translation>
        </message>
        <message>
            <source>Remove the organisation</source>
            <translation>Dileu'r sefydliad</translation>
        </message>
        <message>
            <source>Resolve the blocker</source>
            <translation>Datrys y rhwystr</translation>
        </message>
        <message>
            <source>Could not compare: {0}</source>
            <translation>Methu â chymharu: {0}</translation>
        </message>
        <message>
            <source>What-if change</source>
            <translation>Newid beth-os</translation>
        </message>
        <message>
            <source>What-if target</source>
            <translation>Targed beth-os</translation>
        </message>
        <message>
            <source>The step, organisation or blocker the change applies to</source>
            <translation>Y cam, y sefydliad neu'r rhwystr y mae'r newid yn berthnasol iddo</translation>
        </message>
        <message>
            <source>Show what changes</source>
            <translation>Dangos beth sy'n newid</translation>
        </message>
        <message>
            <source>Pick a change to see what it does to the findings.</source>
            <translation>Dewiswch newid i weld beth mae'n ei wneud i'r canfyddiadau.</translation>
        </message>
        <message>
            <source>&lt;b&gt;What if…&lt;/b&gt;</source>
            <translation>&lt;b&gt;Beth os…&lt;/b&gt;</translation>
        </message>
        <message>
            <source>The map changed; compare again.</source>
            <translation>Newidiodd y map; cymharwch eto.</translation>
        </message>
        <message>
            <source>Gone with the change</source>
            <translation>Wedi mynd gyda'r newid</translation>
        </message>
        <message>
            <source>New with the change</source>
            <translation>Newydd gyda'r newid</translation>
        </message>
        <message>
            <source>Different with the change</source>
            <translation>Yn wahanol gyda'r newid</translation>
        </message>
        <message>
            <source>the change</source>
            <translation>y newid</translation>
        </message>
        <message>
            <source>the number of findings of each kind stays the same.</source>
            <translation>mae nifer y canfyddiadau o bob math yn aros yr un fath.</translation>
        </message>
        <message>
            <source>Findings gone: {0}; new: {1}; changed: {2}.</source>
            <translation>Canfyddiadau wedi mynd: {0}; newydd: {1}; wedi newid: {2}.</translation>
        </message>
    </context>
    <context>
        <name>WhoAmIDialog</name>
        <message>
            <source>Who are you?</source>
            <translation>Pwy ydych chi?</translation>
        </message>
        <message>
            <source>Blockers you raise and updates you make carry your name. The register can show your organisation's blockers first.</source>
            <translation>Mae'r rhwystrau rydych yn eu codi a'r diweddariadau rydych yn eu gwneud yn cario eich enw. Gall y gofrestr ddangos rhwystrau eich sefydliad yn gyntaf.</translation>
        </message>
        <message>
            <source>Type to find your name…</source>
            <translation>Teipiwch i ddod o hyd i'ch enw…</translation>
        </message>
        <message>
            <source>Find your name</source>
            <translation>Dod o hyd i'ch enw</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Aelodau</translation>
        </message>
        <message>
            <source>Choose yourself, then OK</source>
            <translation>Dewiswch eich hun, yna Iawn</translation>
        </message>
        <message>
            <source>Nobody in particular</source>
            <translation>Neb yn benodol</translation>
        </message>
    </context>
    <context>
        <name>Workspaces</name>
        <message>
            <source>Team workspace: {0}</source>
            <translation>Gweithle tîm: {0}</translation>
        </message>
    </context>
    <context>
        <name>_Tab</name>
        <message>
            <source>Add…</source>
            <translation>Ychwanegu…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Golygu…</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Dileu</translation>
        </message>
        <message>
            <source>Add {0}</source>
            <translation>Ychwanegu {0}</translation>
        </message>
        <message>
            <source>Edit {0}</source>
            <translation>Golygu {0}</translation>
        </message>
        <message>
            <source>Delete {0}</source>
            <translation>Dileu {0}</translation>
        </message>
    </context>
    <context>
        <name>dialogs.__init__</name>
        <message>
            <source>Join duplicates</source>
            <translation>Uno dyblygion</translation>
        </message>
        <message>
            <source>These were named alike, most likely on two laptops. Join which?
The second becomes the first everywhere; Undo puts both back.</source>
            <translation>Cafodd y rhain enwau tebyg, ar ddau liniadur mae'n debyg. Uno pa rai?
Mae'r ail yn dod yn gyntaf ym mhob man; mae Dadwneud yn rhoi'r ddau yn ôl.</translation>
        </message>
    </context>
    <context>
        <name>dialogs.conflicts</name>
        <message>
            <source>Conflicts</source>
            <translation>Gwrthdaro</translation>
        </message>
    </context>
    <context>
        <name>dialogs.export</name>
        <message>
            <source>Exported</source>
            <translation>Wedi'i allforio</translation>
        </message>
        <message>
            <source>Not exported</source>
            <translation>Heb ei allforio</translation>
        </message>
    </context>
    <context>
        <name>dialogs.importing</name>
        <message>
            <source>Steps</source>
            <translation>Camau</translation>
        </message>
        <message>
            <source>Blockers</source>
            <translation>Rhwystrau</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Mewnforio</translation>
        </message>
        <message>
            <source>{0} holds more than one table. Import which?</source>
            <translation>Mae mwy nag un tabl yn {0}. Mewnforio pa un?</translation>
        </message>
        <message>
            <source>Reading {0}…</source>
            <translation>Yn darllen {0}…</translation>
        </message>
        <message>
            <source>{0} holds nothing new: the workspace already has all of it.</source>
            <translation>Nid oes dim byd newydd yn {0}: mae'r cyfan eisoes yn y gweithle.</translation>
        </message>
        <message>
            <source>Merging {0}…</source>
            <translation>Yn cyfuno {0}…</translation>
        </message>
        <message numerus="yes">
            <source>%n hand-off(s) drawn on both sides made one.</source>
            <translation>
                <numerusform>Trosglwyddiadau a luniwyd ar y ddwy ochr ac a wnaed yn un: %n.</numerusform>
                <numerusform>Trosglwyddiadau a luniwyd ar y ddwy ochr ac a wnaed yn un: %n.</numerusform>
                <numerusform>Trosglwyddiadau a luniwyd ar y ddwy ochr ac a wnaed yn un: %n.</numerusform>
                <numerusform>Trosglwyddiadau a luniwyd ar y ddwy ochr ac a wnaed yn un: %n.</numerusform>
                <numerusform>Trosglwyddiadau a luniwyd ar y ddwy ochr ac a wnaed yn un: %n.</numerusform>
            </translation>
        </message>
        <message>
            <source>The rest of {0} is merged: {1}.</source>
            <translation>Mae gweddill {0} wedi'i gyfuno: {1}.</translation>
        </message>
        <message>
            <source>Likely duplicate: {0}</source>
            <translation>Dyblygiad tebygol: {0}</translation>
        </message>
        <message>
            <source>Merging {0} would make: {1}.</source>
            <translation>Byddai cyfuno {0} yn gwneud: {1}.</translation>
        </message>
        <message numerus="yes">
            <source>%n change(s) (clashes|clash) with another member's: both values are kept, and you choose which to keep right after the merge, or later (Community &gt; Conflicts…).</source>
            <translation>
                <numerusform>Newidiadau sy'n gwrthdaro â rhai aelod arall: %n. Mae'r ddau werth yn cael eu cadw, ac rydych yn dewis pa un i'w gadw yn syth ar ôl y cyfuno, neu'n nes ymlaen (Cymuned &gt; Gwrthdaro…).</numerusform>
                <numerusform>Newidiadau sy'n gwrthdaro â rhai aelod arall: %n. Mae'r ddau werth yn cael eu cadw, ac rydych yn dewis pa un i'w gadw yn syth ar ôl y cyfuno, neu'n nes ymlaen (Cymuned &gt; Gwrthdaro…).</numerusform>
                <numerusform>Newidiadau sy'n gwrthdaro â rhai aelod arall: %n. Mae'r ddau werth yn cael eu cadw, ac rydych yn dewis pa un i'w gadw yn syth ar ôl y cyfuno, neu'n nes ymlaen (Cymuned &gt; Gwrthdaro…).</numerusform>
                <numerusform>Newidiadau sy'n gwrthdaro â rhai aelod arall: %n. Mae'r ddau werth yn cael eu cadw, ac rydych yn dewis pa un i'w gadw yn syth ar ôl y cyfuno, neu'n nes ymlaen (Cymuned &gt; Gwrthdaro…).</numerusform>
                <numerusform>Newidiadau sy'n gwrthdaro â rhai aelod arall: %n. Mae'r ddau werth yn cael eu cadw, ac rydych yn dewis pa un i'w gadw yn syth ar ôl y cyfuno, neu'n nes ymlaen (Cymuned &gt; Gwrthdaro…).</numerusform>
            </translation>
        </message>
        <message>
            <source>The team workspace's backups are its hosting team's. Importing cannot be undone.</source>
            <translation>Y tîm sy'n lletya'r gweithle tîm sy'n gyfrifol am ei gopïau wrth gefn. Ni ellir dadwneud mewnforio.</translation>
        </message>
        <message>
            <source>The workspace is backed up first. Importing cannot be undone.</source>
            <translation>Mae copi wrth gefn o'r gweithle'n cael ei wneud yn gyntaf. Ni ellir dadwneud mewnforio.</translation>
        </message>
        <message>
            <source>Importing {0}…</source>
            <translation>Yn mewnforio {0}…</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <translation>Iawn</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Canslo</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Ie</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>&amp;Na</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Cau</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Cadw</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Gweithredu</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Cymorth</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Ailosod</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Taflu</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>Adfer y Rhagosodiadau</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Agor</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>Terfynu</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Ceisio Eto</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Anwybyddu</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>Cadw'r Cyfan</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation>Ie i'r &amp;Cyfan</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation>N&amp;a i'r Cyfan</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Show Details...</source>
            <translation>Dangos Manylion...</translation>
        </message>
        <message>
            <source>Hide Details...</source>
            <translation>Cuddio Manylion...</translation>
        </message>
    </context>
</TS>
