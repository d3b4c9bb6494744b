<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>ActivityColumns</name>
    <message>
        <source>Case {name}</source>
        <translation>القضية {name}</translation>
    </message>
    <message>
        <source>Incident {name}</source>
        <translation>الحادثة {name}</translation>
    </message>
    <message>
        <source>Person {name}</source>
        <translation>الشخص {name}</translation>
    </message>
    <message>
        <source>Statement {name}</source>
        <translation>الإفادة {name}</translation>
    </message>
    <message>
        <source>Consent of {name}</source>
        <translation>موافقة {name}</translation>
    </message>
    <message>
        <source>Evidence {name}</source>
        <translation>الدليل {name}</translation>
    </message>
    <message>
        <source>Links of evidence {name}</source>
        <translation>روابط الدليل {name}</translation>
    </message>
    <message>
        <source>User {name}</source>
        <translation>المستخدم {name}</translation>
    </message>
    <message>
        <source>Redacted text of statement {name}</source>
        <translation>النص المنقّح للإفادة {name}</translation>
    </message>
    <message>
        <source>Bundle {name}</source>
        <translation>الحزمة {name}</translation>
    </message>
    <message>
        <source>created the case</source>
        <translation>أنشأ القضية</translation>
    </message>
    <message>
        <source>changed the case</source>
        <translation>عدّل القضية</translation>
    </message>
    <message>
        <source>added incident {name}</source>
        <translation>أضاف الحادثة {name}</translation>
    </message>
    <message>
        <source>changed incident {name}</source>
        <translation>عدّل الحادثة {name}</translation>
    </message>
    <message>
        <source>added person {name}</source>
        <translation>أضاف الشخص {name}</translation>
    </message>
    <message>
        <source>changed person {name}</source>
        <translation>عدّل الشخص {name}</translation>
    </message>
    <message>
        <source>added statement {name}</source>
        <translation>أضاف الإفادة {name}</translation>
    </message>
    <message>
        <source>edited statement {name}</source>
        <translation>حرّر الإفادة {name}</translation>
    </message>
    <message>
        <source>recorded a consent of {name}</source>
        <translation>سجّل موافقة {name}</translation>
    </message>
    <message>
        <source>withdrew a consent of {name}</source>
        <translation>سجّل سحب موافقة {name}</translation>
    </message>
    <message>
        <source>added user {name}</source>
        <translation>أضاف المستخدم {name}</translation>
    </message>
    <message>
        <source>changed the role of {name}</source>
        <translation>غيّر دور {name}</translation>
    </message>
    <message>
        <source>changed the passphrase of {name}</source>
        <translation>غيّر عبارة مرور {name}</translation>
    </message>
    <message>
        <source>replaced the signing key of {name}</source>
        <translation>استبدل مفتاح توقيع {name}</translation>
    </message>
    <message>
        <source>recovered the access of {name}</source>
        <translation>استعاد وصول {name}</translation>
    </message>
    <message>
        <source>linked evidence {name}</source>
        <translation>ربط الدليل {name}</translation>
    </message>
    <message>
        <source>removed a link of evidence {name}</source>
        <translation>أزال رابطًا للدليل {name}</translation>
    </message>
    <message>
        <source>tagged evidence {name}</source>
        <translation>وسم الدليل {name}</translation>
    </message>
    <message>
        <source>removed a tag of evidence {name}</source>
        <translation>أزال وسمًا من الدليل {name}</translation>
    </message>
    <message>
        <source>wrote a redacted export text of statement {name}</source>
        <translation>كتب نصًّا منقّحًا للتصدير للإفادة {name}</translation>
    </message>
    <message>
        <source>submitted {name} for review</source>
        <translation>أرسل {name} للمراجعة</translation>
    </message>
    <message>
        <source>approved {name}</source>
        <translation>اعتمد {name}</translation>
    </message>
    <message>
        <source>returned {name} with a comment</source>
        <translation>أعاد {name} مع تعليق</translation>
    </message>
    <message>
        <source>exported bundle {name}</source>
        <translation>صدّر الحزمة {name}</translation>
    </message>
    <message>
        <source>imported bundle {name}</source>
        <translation>استورد الحزمة {name}</translation>
    </message>
    <message>
        <source>revealed the name of {name}</source>
        <translation>كشف اسم {name}</translation>
    </message>
    <message>
        <source>revealed the contact of {name}</source>
        <translation>كشف وسيلة اتصال {name}</translation>
    </message>
    <message>
        <source>revealed the details of {name}</source>
        <translation>كشف التفاصيل المعرِّفة لـ {name}</translation>
    </message>
    <message>
        <source>revealed the original file name of {name}</source>
        <translation>كشف اسم الملف الأصلي لـ {name}</translation>
    </message>
    <message>
        <source>forgot the name of {name}</source>
        <translation>محا اسم {name}</translation>
    </message>
    <message>
        <source>forgot the contact of {name}</source>
        <translation>محا وسيلة اتصال {name}</translation>
    </message>
    <message>
        <source>forgot the details of {name}</source>
        <translation>محا التفاصيل المعرِّفة لـ {name}</translation>
    </message>
    <message>
        <source>name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>وسيلة الاتصال</translation>
    </message>
    <message>
        <source>details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>added evidence {name}</source>
        <translation>أضاف الدليل {name}</translation>
    </message>
    <message>
        <source>imported evidence {name}</source>
        <translation>استورد الدليل {name}</translation>
    </message>
    <message>
        <source>viewed evidence {name}</source>
        <translation>عاين الدليل {name}</translation>
    </message>
    <message>
        <source>added a note to evidence {name}</source>
        <translation>أضاف ملاحظة إلى الدليل {name}</translation>
    </message>
    <message>
        <source>made a derivative of evidence {name}</source>
        <translation>أنشأ نسخة مشتقة من الدليل {name}</translation>
    </message>
    <message>
        <source>prepared evidence {name} for export</source>
        <translation>جهّز الدليل {name} للتصدير</translation>
    </message>
    <message>
        <source>exported evidence {name}</source>
        <translation>صدّر الدليل {name}</translation>
    </message>
    <message>
        <source>handed over evidence {name}</source>
        <translation>سلّم الدليل {name}</translation>
    </message>
    <message>
        <source>received evidence {name}</source>
        <translation>استلم الدليل {name}</translation>
    </message>
    <message>
        <source>verified evidence {name}</source>
        <translation>تحقق من الدليل {name}</translation>
    </message>
    <message>
        <source>shredded evidence {name}</source>
        <translation>أتلف الدليل {name}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>مَن</translation>
    </message>
    <message>
        <source>What</source>
        <translation>ماذا</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>recorded custody of {name}</source>
        <translation>سجّل حيازة {name}</translation>
    </message>
    <message>
        <source>handled a protected value of {name}</source>
        <translation>تعامل مع قيمة محمية لـ {name}</translation>
    </message>
    <message>
        <source>changed the protected values ({fields}) of {name}</source>
        <translation>غيّر القيم المحمية ({fields}) لـ {name}</translation>
    </message>
</context>
<context>
    <name>ActivityTab</name>
    <message>
        <source>Every change to this case is signed and kept here; nothing can be removed.</source>
        <translation>كل تغيير في هذه القضية موقَّع ومحفوظ هنا، ولا يمكن حذف شيء منه.</translation>
    </message>
</context>
<context>
    <name>AddEvidenceDialog</name>
    <message>
        <source>Add evidence</source>
        <translation>إضافة أدلة</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>إضافة ملفات…</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>إضافة مجلد…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>Captured in person (by us)</source>
        <translation>التقطناه بأنفسنا</translation>
    </message>
    <message>
        <source>Received from a person of the case</source>
        <translation>استُلم من شخص في القضية</translation>
    </message>
    <message>
        <source>Downloaded from the internet</source>
        <translation>نُزِّل من الإنترنت</translation>
    </message>
    <message>
        <source>Copied from a device</source>
        <translation>نُسخ من جهاز</translation>
    </message>
    <message>
        <source>No person named</source>
        <translation>دون تسمية شخص</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <source>e.g. Telegram, YouTube</source>
        <translation>مثل تيليغرام، يوتيوب</translation>
    </message>
    <message>
        <source>YYYY-MM-DD or YYYY-MM-DDTHH:MM</source>
        <translation>YYYY-MM-DD أو YYYY-MM-DDTHH:MM</translation>
    </message>
    <message>
        <source>e.g. the witness&apos;s phone</source>
        <translation>مثل هاتف الشاهد</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>إضافة</translation>
    </message>
    <message>
        <source>Files and folders</source>
        <translation>الملفات والمجلدات</translation>
    </message>
    <message>
        <source>How they were obtained</source>
        <translation>طريقة الحصول عليها</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>استُلمت من</translation>
    </message>
    <message>
        <source>Address (URL)</source>
        <translation>العنوان (URL)</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>المنصة</translation>
    </message>
    <message>
        <source>Uploaded on</source>
        <translation>تاريخ الرفع</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>الجهاز</translation>
    </message>
    <message>
        <source>Choose files to add</source>
        <translation>اختر ملفات لإضافتها</translation>
    </message>
    <message>
        <source>Choose a folder to add</source>
        <translation>اختر مجلدًا لإضافته</translation>
    </message>
    <message>
        <source>Files downloaded from the internet need the address they came from.</source>
        <translation>الملفات المنزّلة من الإنترنت تحتاج إلى العنوان الذي جاءت منه.</translation>
    </message>
    <message>
        <source>Add at least one file or folder.</source>
        <translation>أضف ملفًا أو مجلدًا واحدًا على الأقل.</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add a user</source>
        <translation>إضافة مستخدم</translation>
    </message>
    <message>
        <source>Admin right: may add users and change their roles</source>
        <translation>صلاحية الإدارة: إضافة المستخدمين وتغيير أدوارهم</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>الاسم:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>الدور:</translation>
    </message>
    <message>
        <source>Enter the new user&apos;s name.</source>
        <translation>أدخل اسم المستخدم الجديد.</translation>
    </message>
</context>
<context>
    <name>BundleChooser</name>
    <message>
        <source>A bundle folder, or a .zip or .zip.age file</source>
        <translation>مجلد حزمة، أو ملف ‎.zip‎ أو ‎.zip.age</translation>
    </message>
    <message>
        <source>&amp;Folder…</source>
        <translation>مجلد…</translation>
    </message>
    <message>
        <source>Fi&amp;le…</source>
        <translation>ملف…</translation>
    </message>
    <message>
        <source>Only for an encrypted bundle</source>
        <translation>للحزمة المشفّرة فقط</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>&amp;Bundle</source>
        <translation>الحزمة</translation>
    </message>
    <message>
        <source>Age i&amp;dentity file</source>
        <translation>ملف هوية age</translation>
    </message>
    <message>
        <source>Choose a bundle folder</source>
        <translation>اختر مجلد الحزمة</translation>
    </message>
    <message>
        <source>Choose a bundle file</source>
        <translation>اختر ملف الحزمة</translation>
    </message>
    <message>
        <source>Choose an age identity file</source>
        <translation>اختر ملف هوية age</translation>
    </message>
</context>
<context>
    <name>CaseColumns</name>
    <message>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>درجة الحساسية</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>آخر تغيير</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>مفتوحة</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>قيد المراجعة</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>مغلقة</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>مؤرشفة</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>عادية</translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation>حساسة</translation>
    </message>
    <message>
        <source>Highly sensitive</source>
        <translation>شديدة الحساسية</translation>
    </message>
</context>
<context>
    <name>CaseListScreen</name>
    <message>
        <source>Filter by reference or title</source>
        <translation>صفِّ حسب المرجع أو العنوان</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>قضية جديدة…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>لا قضايا</numerusform>
            <numerusform>قضية واحدة</numerusform>
            <numerusform>قضيتان</numerusform>
            <numerusform>%n قضايا</numerusform>
            <numerusform>%n قضية</numerusform>
            <numerusform>%n قضية</numerusform>
        </translation>
    </message>
    <message>
        <source>No case matches the filter.</source>
        <translation>لا توجد قضية تطابق التصفية.</translation>
    </message>
    <message>
        <source>No cases yet. Create the first one with New case.</source>
        <translation>لا قضايا بعد. أنشئ أولاها بزر «قضية جديدة».</translation>
    </message>
</context>
<context>
    <name>CaseResultsModel</name>
    <message>
        <source>ERN</source>
        <translation>رقم الدليل</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>المشكلات</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>لا مشكلات</numerusform>
            <numerusform>مشكلة واحدة</numerusform>
            <numerusform>مشكلتان</numerusform>
            <numerusform>%n مشكلات</numerusform>
            <numerusform>%n مشكلة</numerusform>
            <numerusform>%n مشكلة</numerusform>
        </translation>
    </message>
    <message>
        <source>Intact (content shredded)</source>
        <translation>سليم (أُتلف المحتوى)</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>سليم</translation>
    </message>
</context>
<context>
    <name>CaseWorkspace</name>
    <message>
        <source>All cases</source>
        <translation>كل القضايا</translation>
    </message>
    <message>
        <source>Back to the list of cases (Alt+Left)</source>
        <translation>العودة إلى قائمة القضايا (Alt+Left)</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>نظرة عامة</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>الحوادث</translation>
    </message>
    <message>
        <source>People</source>
        <translation>الأشخاص</translation>
    </message>
    <message>
        <source>Statements</source>
        <translation>الإفادات</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>الأدلة</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>سجل النشاط</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change my passphrase</source>
        <translation>تغيير عبارة المرور</translation>
    </message>
    <message>
        <source>Choose a new passphrase. From now on it unlocks this vault for you; the old one no longer does.</source>
        <translation>اختر عبارة مرور جديدة. من الآن فصاعدًا تفتح لك هذه الخزنة، ولن تفتحها العبارة القديمة.</translation>
    </message>
</context>
<context>
    <name>ChecklistView</name>
    <message>
        <source>What is missing</source>
        <translation>ما ينقص القضية</translation>
    </message>
    <message>
        <source>Double-click a line, or press Enter, to open the first record it lists</source>
        <translation>انقر مرتين على سطر، أو اضغط Enter، لفتح أول سجل يذكره</translation>
    </message>
    <message>
        <source>Nothing is missing from this case.</source>
        <translation>لا ينقص هذه القضية شيء.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln incident(s) with no evidence linked: {refs}</source>
        <translation>
            <numerusform>لا حوادث بلا أدلة: {refs}</numerusform>
            <numerusform>حادثة واحدة لا دليل مرتبطًا بها: {refs}</numerusform>
            <numerusform>حادثتان لا دليل مرتبطًا بهما: {refs}</numerusform>
            <numerusform>%Ln حوادث لا دليل مرتبطًا بها: {refs}</numerusform>
            <numerusform>%Ln حادثة لا دليل مرتبطًا بها: {refs}</numerusform>
            <numerusform>%Ln حادثة لا دليل مرتبطًا بها: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln statement(s) whose person has no consent covering sharing with the UN: {refs}</source>
        <translation>
            <numerusform>لا إفادات: {refs}</numerusform>
            <numerusform>إفادة واحدة ليس لصاحبها موافقة على المشاركة مع الأمم المتحدة: {refs}</numerusform>
            <numerusform>إفادتان ليس لصاحبيهما موافقة على المشاركة مع الأمم المتحدة: {refs}</numerusform>
            <numerusform>%Ln إفادات ليس لأصحابها موافقة على المشاركة مع الأمم المتحدة: {refs}</numerusform>
            <numerusform>%Ln إفادة ليس لأصحابها موافقة على المشاركة مع الأمم المتحدة: {refs}</numerusform>
            <numerusform>%Ln إفادة ليس لأصحابها موافقة على المشاركة مع الأمم المتحدة: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln person(s) with no consent record at all: {refs}</source>
        <translation>
            <numerusform>لا أشخاص: {refs}</numerusform>
            <numerusform>شخص واحد بلا أي سجل موافقة: {refs}</numerusform>
            <numerusform>شخصان بلا أي سجل موافقة: {refs}</numerusform>
            <numerusform>%Ln أشخاص بلا أي سجل موافقة: {refs}</numerusform>
            <numerusform>%Ln شخصًا بلا أي سجل موافقة: {refs}</numerusform>
            <numerusform>%Ln شخص بلا أي سجل موافقة: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln evidence item(s) with no capture time: {refs}</source>
        <translation>
            <numerusform>لا أدلة: {refs}</numerusform>
            <numerusform>دليل واحد بلا وقت التقاط: {refs}</numerusform>
            <numerusform>دليلان بلا وقت التقاط: {refs}</numerusform>
            <numerusform>%Ln أدلة بلا وقت التقاط: {refs}</numerusform>
            <numerusform>%Ln دليلًا بلا وقت التقاط: {refs}</numerusform>
            <numerusform>%Ln دليل بلا وقت التقاط: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln evidence item(s) with no position: {refs}</source>
        <translation>
            <numerusform>لا أدلة: {refs}</numerusform>
            <numerusform>دليل واحد بلا موقع: {refs}</numerusform>
            <numerusform>دليلان بلا موقع: {refs}</numerusform>
            <numerusform>%Ln أدلة بلا موقع: {refs}</numerusform>
            <numerusform>%Ln دليلًا بلا موقع: {refs}</numerusform>
            <numerusform>%Ln دليل بلا موقع: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln evidence item(s) not linked to any incident: {refs}</source>
        <translation>
            <numerusform>لا أدلة: {refs}</numerusform>
            <numerusform>دليل واحد غير مرتبط بأي حادثة: {refs}</numerusform>
            <numerusform>دليلان غير مرتبطين بأي حادثة: {refs}</numerusform>
            <numerusform>%Ln أدلة غير مرتبطة بأي حادثة: {refs}</numerusform>
            <numerusform>%Ln دليلًا غير مرتبط بأي حادثة: {refs}</numerusform>
            <numerusform>%Ln دليل غير مرتبط بأي حادثة: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln evidence item(s) not verified in the last {days} days: {refs}</source>
        <translation>
            <numerusform>لا أدلة: {refs}</numerusform>
            <numerusform>دليل واحد لم يُتحقَّق منه في آخر {days} يومًا: {refs}</numerusform>
            <numerusform>دليلان لم يُتحقَّق منهما في آخر {days} يومًا: {refs}</numerusform>
            <numerusform>%Ln أدلة لم يُتحقَّق منها في آخر {days} يومًا: {refs}</numerusform>
            <numerusform>%Ln دليلًا لم يُتحقَّق منه في آخر {days} يومًا: {refs}</numerusform>
            <numerusform>%Ln دليل لم يُتحقَّق منه في آخر {days} يومًا: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln evidence item(s) whose last verification failed: {refs}</source>
        <translation>
            <numerusform>لا أدلة: {refs}</numerusform>
            <numerusform>دليل واحد فشل آخر تحقق منه: {refs}</numerusform>
            <numerusform>دليلان فشل آخر تحقق منهما: {refs}</numerusform>
            <numerusform>%Ln أدلة فشل آخر تحقق منها: {refs}</numerusform>
            <numerusform>%Ln دليلًا فشل آخر تحقق منه: {refs}</numerusform>
            <numerusform>%Ln دليل فشل آخر تحقق منه: {refs}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) returned by a supervisor and not submitted again: {refs}</source>
        <translation>
            <numerusform>لا سجلات أعادها مشرف ولم تُرسَل مجددًا: {refs}</numerusform>
            <numerusform>سجل واحد أعاده مشرف ولم يُرسَل مجددًا: {refs}</numerusform>
            <numerusform>سجلان أعادهما مشرف ولم يُرسَلا مجددًا: {refs}</numerusform>
            <numerusform>%Ln سجلات أعادها مشرف ولم تُرسَل مجددًا: {refs}</numerusform>
            <numerusform>%Ln سجلًا أعاده مشرف ولم يُرسَل مجددًا: {refs}</numerusform>
            <numerusform>%Ln سجل أعاده مشرف ولم يُرسَل مجددًا: {refs}</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message numerus="yes">
        <source>{refs} and %Ln more</source>
        <translation>
            <numerusform>{refs}</numerusform>
            <numerusform>{refs} وواحد آخر</numerusform>
            <numerusform>{refs} واثنان آخران</numerusform>
            <numerusform>{refs} و%Ln أخرى</numerusform>
            <numerusform>{refs} و%Ln آخر</numerusform>
            <numerusform>{refs} و%Ln آخر</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <source>Write a comment saying what to change.</source>
        <translation>اكتب تعليقًا يوضّح ما يجب تغييره.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Interview</source>
        <translation>المقابلة</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>التسجيل</translation>
    </message>
    <message>
        <source>Sharing with the UN</source>
        <translation>المشاركة مع الأمم المتحدة</translation>
    </message>
    <message>
        <source>Sharing with prosecutors</source>
        <translation>المشاركة مع الادعاء العام</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>النشر</translation>
    </message>
    <message>
        <source>Disclosure of identity</source>
        <translation>الكشف عن الهوية</translation>
    </message>
    <message>
        <source>Record consent</source>
        <translation>تسجيل موافقة</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>الشخص</translation>
    </message>
    <message>
        <source>Consent to</source>
        <translation>الموافقة على</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>تاريخ إعطائها</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
</context>
<context>
    <name>ConsentsModel</name>
    <message>
        <source>Consent to</source>
        <translation>الموافقة على</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>تاريخ إعطائها</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>سجّلها</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>سارية</translation>
    </message>
    <message>
        <source>Withdrawn on {0}</source>
        <translation>سُحبت في {0}</translation>
    </message>
</context>
<context>
    <name>ContainerPage</name>
    <message>
        <source>Container and output</source>
        <translation>الحاوية ومكان الحفظ</translation>
    </message>
    <message>
        <source>How the bundle is packed, and where it is written.</source>
        <translation>كيف تُحزَم الحزمة، وأين تُكتب.</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>A &amp;folder</source>
        <translation>مجلد</translation>
    </message>
    <message>
        <source>One &amp;ZIP file (stored, not compressed)</source>
        <translation>ملف ZIP واحد (مخزَّن دون ضغط)</translation>
    </message>
    <message>
        <source>&amp;Encrypt to age recipients</source>
        <translation>تشفير لمستلمين عبر age</translation>
    </message>
    <message>
        <source>An encrypted bundle is always one ZIP file; only the holders of these recipients&apos; keys can open it, and Sanad cannot read it back.</source>
        <translation>الحزمة المشفّرة ملف ZIP واحد دائمًا؛ لا يفتحها إلا حاملو مفاتيح هؤلاء المستلمين، ولا يستطيع سند قراءتها بعد كتابتها.</translation>
    </message>
    <message>
        <source>age1… (one recipient per line)</source>
        <translation>age1… (مستلم واحد في كل سطر)</translation>
    </message>
    <message>
        <source>The folder the bundle is written into</source>
        <translation>المجلد الذي تُكتب فيه الحزمة</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>&amp;Recipients</source>
        <translation>المستلمون</translation>
    </message>
    <message>
        <source>&amp;Save in</source>
        <translation>الحفظ في</translation>
    </message>
    <message>
        <source>N&amp;ame</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>The name is a file or folder name, without a path: choose the folder with Choose…</source>
        <translation>الاسم اسم ملف أو مجلد دون مسار: اختر المجلد بزر «اختيار…»</translation>
    </message>
    <message>
        <source>Choose the folder the bundle is written into.</source>
        <translation>اختر المجلد الذي تُكتب فيه الحزمة.</translation>
    </message>
    <message>
        <source>Folder to write the bundle into</source>
        <translation>المجلد الذي تُكتب فيه الحزمة</translation>
    </message>
</context>
<context>
    <name>CustodyModel</name>
    <message>
        <source>Acquired</source>
        <translation>الاستحواذ</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>الاستيراد</translation>
    </message>
    <message>
        <source>Viewed</source>
        <translation>المعاينة</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>إضافة ملاحظة</translation>
    </message>
    <message>
        <source>Derivative made</source>
        <translation>إنشاء نسخة مشتقة</translation>
    </message>
    <message>
        <source>Prepared for export</source>
        <translation>التجهيز للتصدير</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>التصدير</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>التسليم</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>مُستلَم</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>التحقق</translation>
    </message>
    <message>
        <source>Shredded</source>
        <translation>الإتلاف</translation>
    </message>
    <message>
        <source>the same bytes again (a duplicate)</source>
        <translation>البايتات نفسها مجددًا (نسخة مكررة)</translation>
    </message>
    <message>
        <source>platform {platform}</source>
        <translation>المنصة {platform}</translation>
    </message>
    <message>
        <source>original file name kept as a commitment</source>
        <translation>اسم الملف الأصلي محفوظ على شكل التزام</translation>
    </message>
    <message>
        <source>the note&apos;s text is kept as a commitment</source>
        <translation>نص الملاحظة محفوظ على شكل التزام</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>سليم</translation>
    </message>
    <message>
        <source>content destroyed; the reason is kept as a commitment</source>
        <translation>أُتلف المحتوى؛ والسبب محفوظ على شكل التزام</translation>
    </message>
    <message>
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>مَن</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>الجهاز</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
</context>
<context>
    <name>CustodyView</name>
    <message>
        <source>Record this verification in the chain of custody</source>
        <translation>سجّل هذا التحقق في سلسلة الحيازة</translation>
    </message>
    <message>
        <source>Verify this item</source>
        <translation>تحقق من هذا الدليل</translation>
    </message>
    <message>
        <source>Re-hash the item and check its chain of custody and its signatures</source>
        <translation>أعد حساب بصمة الدليل وتحقق من سلسلة حيازته وتواقيعها</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Checking {ern}…</source>
        <translation>جارٍ التحقق من {ern}…</translation>
    </message>
    <message>
        <source>Verification cancelled.</source>
        <translation>أُلغي التحقق.</translation>
    </message>
    <message>
        <source>Intact: its content was shredded; its record, custody chain and signatures check out</source>
        <translation>سليم: أُتلف محتواه، وسجله وسلسلة حيازته وتواقيعه سليمة</translation>
    </message>
    <message>
        <source>Intact: bytes, thumbnails, custody chain and signatures check out</source>
        <translation>سليم: البايتات والصور المصغّرة وسلسلة الحيازة والتواقيع كلها سليمة</translation>
    </message>
    <message numerus="yes">
        <source>{size} re-hashed, %n thumbnail(s) checked.</source>
        <translation>
            <numerusform>أُعيد حساب بصمة {size}، دون صور مصغّرة.</numerusform>
            <numerusform>أُعيد حساب بصمة {size}، وفُحصت صورة مصغّرة واحدة.</numerusform>
            <numerusform>أُعيد حساب بصمة {size}، وفُحصت صورتان مصغّرتان.</numerusform>
            <numerusform>أُعيد حساب بصمة {size}، وفُحصت %n صور مصغّرة.</numerusform>
            <numerusform>أُعيد حساب بصمة {size}، وفُحصت %n صورة مصغّرة.</numerusform>
            <numerusform>أُعيد حساب بصمة {size}، وفُحصت %n صورة مصغّرة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found:</source>
        <translation>
            <numerusform>لم تُوجد مشكلات:</numerusform>
            <numerusform>وُجدت مشكلة واحدة:</numerusform>
            <numerusform>وُجدت مشكلتان:</numerusform>
            <numerusform>وُجدت %n مشكلات:</numerusform>
            <numerusform>وُجدت %n مشكلة:</numerusform>
            <numerusform>وُجدت %n مشكلة:</numerusform>
        </translation>
    </message>
    <message>
        <source>Audit chain: {problem}</source>
        <translation>سلسلة التدقيق: {problem}</translation>
    </message>
    <message>
        <source>The result was recorded in the chain of custody.</source>
        <translation>سُجّلت النتيجة في سلسلة الحيازة.</translation>
    </message>
    <message>
        <source>This vault is open read-only: a verification cannot be recorded in it</source>
        <translation>هذه الخزنة مفتوحة للقراءة فقط: لا يمكن تسجيل تحقق فيها</translation>
    </message>
    <message>
        <source>Sign a &apos;verified&apos; event with the result in this item&apos;s chain of custody</source>
        <translation>وقّع حدث «تحقق» بالنتيجة في سلسلة حيازة هذا الدليل</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>Not given</source>
        <translation>غير محدد</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>السنة</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>الشهر</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>الساعة</translation>
    </message>
    <message>
        <source>Minute</source>
        <translation>الدقيقة</translation>
    </message>
    <message>
        <source>Approximate</source>
        <translation>تقريبي</translation>
    </message>
</context>
<context>
    <name>DeleteSourcesDialog</name>
    <message>
        <source>Delete the source files?</source>
        <translation>حذف الملفات المصدر؟</translation>
    </message>
    <message>
        <source>%n file(s) are now stored in the vault. Delete them from the card or folder they came from? Only files whose contents are still exactly what was stored are deleted; any other file is kept and named.</source>
        <translation>أصبح %n ملف محفوظًا في الخزنة. هل تحذفها من البطاقة أو المجلد الذي جاءت منه؟ لا يُحذف إلا ما بقي محتواه مطابقًا تمامًا لما حُفظ؛ وأي ملف آخر يُبقى عليه ويُذكر اسمه.</translation>
    </message>
    <message>
        <source>Deleting is not a secure wipe: on SSDs, memory cards and USB sticks the contents can often still be recovered from the device.</source>
        <translation>الحذف ليس محوًا آمنًا: في أقراص SSD وبطاقات الذاكرة وأقراص USB يمكن غالبًا استعادة المحتوى من الجهاز.</translation>
    </message>
    <message>
        <source>Delete the source files</source>
        <translation>احذف الملفات المصدر</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>Something went wrong inside Sanad ({kind}). The step that failed saved nothing; please report it.</source>
        <translation>حدث خطأ داخل سند ({kind}). لم تحفظ الخطوة التي فشلت شيئًا؛ يرجى الإبلاغ عنه.</translation>
    </message>
    <message>
        <source>Sanad</source>
        <translation>سند</translation>
    </message>
</context>
<context>
    <name>EvidenceColumns</name>
    <message>
        <source>ERN</source>
        <translation>رقم الدليل</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>وقت الالتقاط</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>الموقع</translation>
    </message>
    <message>
        <source>How obtained</source>
        <translation>طريقة الحصول</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>أُضيف في</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Last verification</source>
        <translation>آخر تحقق</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>الروابط</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <source>↳ {ern}</source>
        <translation>↳ {ern}</translation>
    </message>
    <message>
        <source>{ern}, derived from {original}</source>
        <translation>{ern}، مشتق من {original}</translation>
    </message>
    <message>
        <source>{time} (no UTC offset recorded)</source>
        <translation>{time} (دون فارق توقيت مسجَّل)</translation>
    </message>
    <message>
        <source>{time} UTC{offset}</source>
        <translation>{time} UTC{offset}</translation>
    </message>
    <message>
        <source>{latitude}, {longitude}</source>
        <translation>{latitude}، {longitude}</translation>
    </message>
    <message>
        <source>Captured by us</source>
        <translation>التقطناه بأنفسنا</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>مُستلَم</translation>
    </message>
    <message>
        <source>Downloaded</source>
        <translation>مُنزَّل من الإنترنت</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>منسوخ من جهاز</translation>
    </message>
    <message>
        <source>{media_type} (shredded)</source>
        <translation>{media_type} (أُتلف)</translation>
    </message>
    <message>
        <source>OK, {date}</source>
        <translation>سليم، {date}</translation>
    </message>
    <message>
        <source>Failed, {date}</source>
        <translation>فشل، {date}</translation>
    </message>
    <message>
        <source>depicted</source>
        <translation>يظهر فيه</translation>
    </message>
    <message>
        <source>recorded it</source>
        <translation>سجّله</translation>
    </message>
    <message>
        <source>provided it</source>
        <translation>قدّمه</translation>
    </message>
    <message>
        <source>{code} ({parts})</source>
        <translation>{code} ({parts})</translation>
    </message>
</context>
<context>
    <name>EvidenceDetail</name>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <source>View the item; each opening is recorded in its chain of custody</source>
        <translation>اعرض الدليل؛ كل فتح يُسجَّل في سلسلة حيازته</translation>
    </message>
    <message>
        <source>Verify this item</source>
        <translation>تحقق من هذا الدليل</translation>
    </message>
    <message>
        <source>Redact…</source>
        <translation>تنقيح…</translation>
    </message>
    <message>
        <source>Blur or black out parts of the image in a new copy; the original never changes</source>
        <translation>موّه أجزاء من الصورة أو سوّدها في نسخة جديدة؛ الأصل لا يتغير أبدًا</translation>
    </message>
    <message>
        <source>Shred…</source>
        <translation>إتلاف…</translation>
    </message>
    <message>
        <source>Destroy this item&apos;s content for good (supervisors and admins)</source>
        <translation>أتلف محتوى هذا الدليل نهائيًا (للمشرفين والمديرين)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>التفاصيل</translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation>البيانات الوصفية</translation>
    </message>
    <message>
        <source>Custody</source>
        <translation>الحيازة</translation>
    </message>
    <message>
        <source>Choose an item to see what is recorded about it.</source>
        <translation>اختر دليلًا لترى ما سُجّل عنه.</translation>
    </message>
    <message>
        <source>{media_type}, {size}: content shredded</source>
        <translation>{media_type}، {size}: أُتلف المحتوى</translation>
    </message>
    <message>
        <source>{media_type}, {size}</source>
        <translation>{media_type}، {size}</translation>
    </message>
</context>
<context>
    <name>EvidenceFilters</name>
    <message>
        <source>All types</source>
        <translation>كل الأنواع</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>صور</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>مقاطع فيديو</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>تسجيلات صوتية</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>مستندات</translation>
    </message>
    <message>
        <source>Other files</source>
        <translation>ملفات أخرى</translation>
    </message>
    <message>
        <source>Obtained in any way</source>
        <translation>بأي طريقة حصول</translation>
    </message>
    <message>
        <source>Any incident</source>
        <translation>أي حادثة</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>أي شخص</translation>
    </message>
    <message>
        <source>Any tag</source>
        <translation>أي وسم</translation>
    </message>
    <message>
        <source>Captured from</source>
        <translation>التُقط من</translation>
    </message>
    <message>
        <source>to</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>امسح التصفية</translation>
    </message>
    <message>
        <source>{label} · {title}</source>
        <translation>{label} · {title}</translation>
    </message>
</context>
<context>
    <name>EvidenceTab</name>
    <message>
        <source>Add evidence…</source>
        <translation>إضافة أدلة…</translation>
    </message>
    <message>
        <source>Verify case…</source>
        <translation>تحقق من القضية…</translation>
    </message>
    <message>
        <source>Re-hash every item of the case and check its custody</source>
        <translation>أعد حساب بصمة كل دليل في القضية وتحقق من حيازته</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <source>Export this case&apos;s evidence as a signed bundle</source>
        <translation>تصدير أدلة هذه القضية في حزمة موقَّعة</translation>
    </message>
    <message>
        <source>Import bundle…</source>
        <translation>استيراد حزمة…</translation>
    </message>
    <message>
        <source>Take a bundle&apos;s evidence into this case</source>
        <translation>إدخال أدلة حزمة في هذه القضية</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>شبكة</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>جدول</translation>
    </message>
    <message>
        <source>Sort by {column}</source>
        <translation>رتّب حسب {column}</translation>
    </message>
    <message>
        <source>Reverse the order</source>
        <translation>اعكس الترتيب</translation>
    </message>
    <message>
        <source>Choose an item to see what is recorded about it.</source>
        <translation>اختر دليلًا لترى ما سُجّل عنه.</translation>
    </message>
    <message>
        <source>No item matches these filters.</source>
        <translation>لا دليل يطابق هذه التصفية.</translation>
    </message>
    <message>
        <source>No evidence in this case yet: drop files here, or use Add evidence…</source>
        <translation>لا أدلة في هذه القضية بعد: أفلت الملفات هنا، أو استخدم «إضافة أدلة…»</translation>
    </message>
    <message numerus="yes">
        <source>{shown} of %Ln item(s)</source>
        <translation>
            <numerusform>{shown} من لا أدلة</numerusform>
            <numerusform>{shown} من دليل واحد</numerusform>
            <numerusform>{shown} من دليلين</numerusform>
            <numerusform>{shown} من %Ln أدلة</numerusform>
            <numerusform>{shown} من %Ln دليلًا</numerusform>
            <numerusform>{shown} من %Ln دليل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>لا أدلة</numerusform>
            <numerusform>دليل واحد</numerusform>
            <numerusform>دليلان</numerusform>
            <numerusform>%Ln أدلة</numerusform>
            <numerusform>%Ln دليلًا</numerusform>
            <numerusform>%Ln دليل</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the legal team exports bundles</source>
        <translation>الفريق القانوني وحده يصدّر الحزم</translation>
    </message>
    <message>
        <source>Only the legal team imports bundles</source>
        <translation>الفريق القانوني وحده يستورد الحزم</translation>
    </message>
</context>
<context>
    <name>EvidenceViewer</name>
    <message>
        <source>Evidence viewer</source>
        <translation>عارض الأدلة</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>جارٍ الفتح…</translation>
    </message>
    <message>
        <source>Sanad cannot decode this image format at full size: its preview is shown.</source>
        <translation>لا يستطيع سند فك ترميز صيغة هذه الصورة بحجمها الكامل: تُعرض معاينتها.</translation>
    </message>
    <message>
        <source>Sanad does not show this type of file ({media_type}). It stays in the vault; export it to open it elsewhere.</source>
        <translation>لا يعرض سند هذا النوع من الملفات ({media_type}). يبقى في الخزنة؛ صدّره لفتحه في مكان آخر.</translation>
    </message>
    <message>
        <source>This item cannot be shown.</source>
        <translation>لا يمكن عرض هذا الدليل.</translation>
    </message>
</context>
<context>
    <name>ExportWizard</name>
    <message>
        <source>Export evidence bundle</source>
        <translation>تصدير حزمة أدلة</translation>
    </message>
    <message>
        <source>Preparing the export…</source>
        <translation>جارٍ تحضير التصدير…</translation>
    </message>
    <message>
        <source>Drawing the case report…</source>
        <translation>جارٍ إعداد تقرير القضية…</translation>
    </message>
    <message>
        <source>Signing and sealing the bundle…</source>
        <translation>جارٍ توقيع الحزمة وختمها…</translation>
    </message>
    <message>
        <source>Checking the signature…</source>
        <translation>جارٍ التحقق من التوقيع…</translation>
    </message>
    <message>
        <source>Writing the bundle</source>
        <translation>كتابة الحزمة</translation>
    </message>
</context>
<context>
    <name>ExportingPage</name>
    <message>
        <source>Exporting</source>
        <translation>جارٍ التصدير</translation>
    </message>
    <message>
        <source>The bundle is written, signed, and read back to check it.</source>
        <translation>تُكتب الحزمة وتوقَّع، ثم تُقرأ من جديد للتحقق منها.</translation>
    </message>
</context>
<context>
    <name>FilePicker</name>
    <message>
        <source>Choose files</source>
        <translation>اختر ملفات</translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>لا شيء محدد</numerusform>
            <numerusform>واحد محدد</numerusform>
            <numerusform>اثنان محددان</numerusform>
            <numerusform>%Ln محددة</numerusform>
            <numerusform>%Ln محددًا</numerusform>
            <numerusform>%Ln محدد</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FolderPicker</name>
    <message>
        <source>Choose a folder</source>
        <translation>اختر مجلدًا</translation>
    </message>
    <message>
        <source>&amp;New folder</source>
        <translation>مجلد جديد</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>مجلد جديد</translation>
    </message>
</context>
<context>
    <name>IdentitiesConfirmation</name>
    <message>
        <source>Include identities</source>
        <translation>تضمين الهويات</translation>
    </message>
    <message>
        <source>Names and contacts of people whose consent includes identity disclosure will be in the bundle.</source>
        <translation>ستتضمن الحزمة أسماء الأشخاص الذين تشمل موافقتهم الكشف عن الهوية ووسائل الاتصال بهم.</translation>
    </message>
    <message>
        <source>Anyone who can read the bundle will be able to identify them. Include identities?</source>
        <translation>سيتمكن كل من يقرأ الحزمة من التعرّف عليهم. هل تريد تضمين الهويات؟</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Zoom in</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>تكبير (Ctrl++)</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>تصغير (Ctrl+-)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>ملاءمة</translation>
    </message>
    <message>
        <source>Fit the image in the window</source>
        <translation>لائم الصورة مع النافذة</translation>
    </message>
    <message>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <source>Show the image at its actual size</source>
        <translation>اعرض الصورة بحجمها الفعلي</translation>
    </message>
    <message>
        <source>Rotate left</source>
        <translation>تدوير لليسار</translation>
    </message>
    <message>
        <source>Turn the view; the stored image does not change</source>
        <translation>يدير العرض فقط؛ الصورة المحفوظة لا تتغير</translation>
    </message>
    <message>
        <source>Rotate right</source>
        <translation>تدوير لليمين</translation>
    </message>
    <message>
        <source>This image cannot be shown: its format is unknown or it is damaged.</source>
        <translation>لا يمكن عرض هذه الصورة: صيغتها غير معروفة أو إنها تالفة.</translation>
    </message>
</context>
<context>
    <name>ImportBundleDialog</name>
    <message>
        <source>Import bundle</source>
        <translation>استيراد حزمة</translation>
    </message>
    <message>
        <source>Take a bundle&apos;s evidence into this case. The bundle is verified in full first and refused whole if anything is wrong; each item gets this case&apos;s own ERN, and its chain of custody continues, naming the sender&apos;s ERN and the bundle.</source>
        <translation>إدخال أدلة حزمة في هذه القضية. يُتحقَّق من الحزمة كاملةً أولًا وتُرفض كلها إن كان فيها أي خلل؛ ويأخذ كل دليل رقمًا مرجعيًا من هذه القضية، وتستمر سلسلة حيازته مع ذكر رقمه المرجعي لدى المرسِل والحزمة.</translation>
    </message>
    <message>
        <source>Bundle id</source>
        <translation>معرّف الحزمة</translation>
    </message>
    <message>
        <source>Sender&apos;s case</source>
        <translation>قضية المرسِل</translation>
    </message>
    <message>
        <source>Signer fingerprint</source>
        <translation>بصمة مفتاح الموقِّع</translation>
    </message>
    <message>
        <source>Compare this fingerprint with the one the sender publishes: only then do you know who signed the bundle.</source>
        <translation>قارن هذه البصمة بالبصمة التي ينشرها المرسِل: عندها فقط تعرف من وقّع الحزمة.</translation>
    </message>
    <message>
        <source>Sender&apos;s ERN</source>
        <translation>الرقم المرجعي لدى المرسِل</translation>
    </message>
    <message>
        <source>ERN in this case</source>
        <translation>الرقم المرجعي في هذه القضية</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>This vault is open read-only: nothing can be imported into it</source>
        <translation>هذه الخزنة مفتوحة للقراءة فقط: لا يمكن استيراد شيء إليها</translation>
    </message>
    <message>
        <source>Checking the signature…</source>
        <translation>جارٍ التحقق من التوقيع…</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>جارٍ استيراد {name}…</translation>
    </message>
    <message>
        <source>Importing the bundle</source>
        <translation>استيراد الحزمة</translation>
    </message>
    <message>
        <source>already in this case: recorded, not copied</source>
        <translation>موجود في هذه القضية: سُجّل دون نسخ</translation>
    </message>
    <message>
        <source>Imported into {case}: {items}.</source>
        <translation>اُستورد إلى {case}: {items}.</translation>
    </message>
    <message numerus="yes">
        <source>%n new item(s)</source>
        <translation>
            <numerusform>لا أدلة جديدة</numerusform>
            <numerusform>دليل جديد واحد</numerusform>
            <numerusform>دليلان جديدان</numerusform>
            <numerusform>%n أدلة جديدة</numerusform>
            <numerusform>%n دليلًا جديدًا</numerusform>
            <numerusform>%n دليل جديد</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <source>New incident</source>
        <translation>حادثة جديدة</translation>
    </message>
    <message>
        <source>Edit incident</source>
        <translation>تعديل الحادثة</translation>
    </message>
    <message>
        <source>e.g. 35.52 (−90 to 90)</source>
        <translation>مثلًا 35.52 (من −90 إلى 90)</translation>
    </message>
    <message>
        <source>e.g. 35.79 (−180 to 180)</source>
        <translation>مثلًا 35.79 (من −180 إلى 180)</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>غير محدد</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>دقيق</translation>
    </message>
    <message>
        <source>Near</source>
        <translation>بالقرب</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>البلدة</translation>
    </message>
    <message>
        <source>District</source>
        <translation>المنطقة</translation>
    </message>
    <message>
        <source>Governorate</source>
        <translation>المحافظة</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <source>End</source>
        <translation>النهاية</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Administrative area</source>
        <translation>المنطقة الإدارية</translation>
    </message>
    <message>
        <source>Latitude, longitude</source>
        <translation>خط العرض، خط الطول</translation>
    </message>
    <message>
        <source>Violation types</source>
        <translation>أنواع الانتهاكات</translation>
    </message>
    <message>
        <source>Victims</source>
        <translation>الضحايا</translation>
    </message>
    <message>
        <source>Casualties</source>
        <translation>الإصابات</translation>
    </message>
    <message>
        <source>Source of the counts</source>
        <translation>مصدر الأعداد</translation>
    </message>
    <message>
        <source>Give both a latitude and a longitude, or neither.</source>
        <translation>أدخل خط العرض وخط الطول معًا، أو اتركهما فارغين.</translation>
    </message>
</context>
<context>
    <name>IncidentsTab</name>
    <message>
        <source>New incident…</source>
        <translation>حادثة جديدة…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>تعديل…</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>الرقم</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>البداية</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Administrative area</source>
        <translation>المنطقة الإدارية</translation>
    </message>
    <message>
        <source>Violation types</source>
        <translation>أنواع الانتهاكات</translation>
    </message>
    <message>
        <source>Victims</source>
        <translation>الضحايا</translation>
    </message>
    <message>
        <source>Casualties</source>
        <translation>الإصابات</translation>
    </message>
    <message>
        <source>about {0}</source>
        <translation>نحو {0}</translation>
    </message>
</context>
<context>
    <name>IntakePanel</name>
    <message>
        <source>Stored</source>
        <translation>حُفظ</translation>
    </message>
    <message>
        <source>Duplicate linked</source>
        <translation>رُبط كنسخة مكررة</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>تُخطّي</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>فشل</translation>
    </message>
    <message>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <source>ERN</source>
        <translation>رقم الدليل</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Intake report</source>
        <translation>تقرير الإدخال</translation>
    </message>
    <message>
        <source>No file failed. You may delete the source files, now in the vault, from the card or folder they came from. On SSDs, memory cards and USB sticks deleting is not a secure wipe: the contents can often still be recovered.</source>
        <translation>لم يفشل أي ملف. يمكنك حذف الملفات المصدر، وقد صارت في الخزنة، من البطاقة أو المجلد الذي جاءت منه. في أقراص SSD وبطاقات الذاكرة وأقراص USB الحذف ليس محوًا آمنًا: يمكن غالبًا استعادة المحتوى.</translation>
    </message>
    <message>
        <source>Delete source files…</source>
        <translation>حذف الملفات المصدر…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Adding evidence to {case}</source>
        <translation>إضافة أدلة إلى {case}</translation>
    </message>
    <message>
        <source>{stored}, {duplicates}, {skipped}, {failed}</source>
        <translation>{stored}، {duplicates}، {skipped}، {failed}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln stored</source>
        <translation>
            <numerusform>لم يُحفظ شيء</numerusform>
            <numerusform>حُفظ واحد</numerusform>
            <numerusform>حُفظ اثنان</numerusform>
            <numerusform>حُفظت %Ln</numerusform>
            <numerusform>حُفظ %Ln</numerusform>
            <numerusform>حُفظ %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln linked as duplicate(s)</source>
        <translation>
            <numerusform>لا نسخ مكررة</numerusform>
            <numerusform>رُبطت نسخة مكررة واحدة</numerusform>
            <numerusform>رُبطت نسختان مكررتان</numerusform>
            <numerusform>رُبطت %Ln نسخ مكررة</numerusform>
            <numerusform>رُبطت %Ln نسخة مكررة</numerusform>
            <numerusform>رُبطت %Ln نسخة مكررة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>لم يُتخطَّ شيء</numerusform>
            <numerusform>تُخطّي واحد</numerusform>
            <numerusform>تُخطّي اثنان</numerusform>
            <numerusform>تُخطّيت %Ln</numerusform>
            <numerusform>تُخطّي %Ln</numerusform>
            <numerusform>تُخطّي %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed</source>
        <translation>
            <numerusform>لم يفشل شيء</numerusform>
            <numerusform>فشل واحد</numerusform>
            <numerusform>فشل اثنان</numerusform>
            <numerusform>فشلت %Ln</numerusform>
            <numerusform>فشل %Ln</numerusform>
            <numerusform>فشل %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: files not read by then were not ingested. {counts}</source>
        <translation>أُلغي: الملفات التي لم تُقرأ حتى حينه لم تُدخل. {counts}</translation>
    </message>
    <message>
        <source>Deleting the source files</source>
        <translation>جارٍ حذف الملفات المصدر</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>أُبقي عليه</translation>
    </message>
    <message>
        <source>Folder removed</source>
        <translation>حُذف المجلد</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>محذوف</translation>
    </message>
    <message>
        <source>{deleted}; {kept}</source>
        <translation>{deleted}؛ {kept}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln source file(s) deleted</source>
        <translation>
            <numerusform>لم يُحذف أي ملف مصدر</numerusform>
            <numerusform>حُذف ملف مصدر واحد</numerusform>
            <numerusform>حُذف ملفان مصدران</numerusform>
            <numerusform>حُذفت %Ln ملفات مصدر</numerusform>
            <numerusform>حُذف %Ln ملفًا مصدرًا</numerusform>
            <numerusform>حُذف %Ln ملف مصدر</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln kept</source>
        <translation>
            <numerusform>لم يُبقَ على شيء</numerusform>
            <numerusform>أُبقي على واحد</numerusform>
            <numerusform>أُبقي على اثنين</numerusform>
            <numerusform>أُبقي على %Ln</numerusform>
            <numerusform>أُبقي على %Ln</numerusform>
            <numerusform>أُبقي على %Ln</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted sources</source>
        <translation>المصادر المحذوفة</translation>
    </message>
</context>
<context>
    <name>ItemFactsView</name>
    <message>
        <source>Recorded by the device</source>
        <translation>كما سجّله الجهاز</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>الموقع</translation>
    </message>
    <message>
        <source>Position on a latitude and longitude grid</source>
        <translation>الموقع على شبكة خطوط العرض والطول</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message>
        <source>Copy the SHA-256 to the clipboard</source>
        <translation>انسخ SHA-256 إلى الحافظة</translation>
    </message>
    <message>
        <source>Acquisitions</source>
        <translation>عمليات الاستحواذ</translation>
    </message>
    <message>
        <source>Media type</source>
        <translation>نوع الوسائط</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>{size} ({bytes} bytes)</source>
        <translation>{size} ({bytes} بايت)</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>المحتوى</translation>
    </message>
    <message>
        <source>Shredded: only its record and chain of custody remain</source>
        <translation>أُتلف: لم يبقَ إلا سجله وسلسلة حيازته</translation>
    </message>
    <message>
        <source>Derived from</source>
        <translation>مشتق من</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>الكاميرا</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>البرمجية</translation>
    </message>
    <message>
        <source>Captured</source>
        <translation>وقت الالتقاط</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <source>{width} × {height} pixels</source>
        <translation>{width} × {height} بكسل</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>المدة</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} ث</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>الحاوية</translation>
    </message>
    <message>
        <source>Video codec</source>
        <translation>ترميز الفيديو</translation>
    </message>
    <message>
        <source>Audio codec</source>
        <translation>ترميز الصوت</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>معدل الإطارات</translation>
    </message>
    <message>
        <source>{rate} frames a second</source>
        <translation>{rate} إطارًا في الثانية</translation>
    </message>
    <message>
        <source>Orientation</source>
        <translation>الاتجاه</translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation>الصور المصغّرة</translation>
    </message>
    <message>
        <source>Last verified</source>
        <translation>آخر تحقق</translation>
    </message>
    <message>
        <source>{when}: intact</source>
        <translation>{when}: سليم</translation>
    </message>
    <message>
        <source>{when}: problems found</source>
        <translation>{when}: وُجدت مشكلات</translation>
    </message>
    <message>
        <source>Reading problems</source>
        <translation>مشكلات القراءة</translation>
    </message>
    <message>
        <source>No position recorded</source>
        <translation>لا موقع مسجّل</translation>
    </message>
    <message>
        <source>altitude {metres} m</source>
        <translation>الارتفاع {metres} م</translation>
    </message>
    <message>
        <source>facing {degrees}°</source>
        <translation>باتجاه {degrees}°</translation>
    </message>
    <message>
        <source>from {source}</source>
        <translation>من {source}</translation>
    </message>
    <message>
        <source>Acquisition {number} of {count}</source>
        <translation>الاستحواذ {number} من {count}</translation>
    </message>
    <message>
        <source>How</source>
        <translation>الطريقة</translation>
    </message>
    <message>
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <source>By</source>
        <translation>بواسطة</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>الجهاز</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>المنصة</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>الرفع</translation>
    </message>
    <message>
        <source>File last modified</source>
        <translation>آخر تعديل للملف</translation>
    </message>
    <message>
        <source>Original file name</source>
        <translation>اسم الملف الأصلي</translation>
    </message>
</context>
<context>
    <name>ItemLinksView</name>
    <message>
        <source>Depicted or heard in it</source>
        <translation>يظهر أو يُسمع فيه</translation>
    </message>
    <message>
        <source>Recorded it</source>
        <translation>سجّله</translation>
    </message>
    <message>
        <source>Provided it</source>
        <translation>قدّمه</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>ربط</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>وسم جديد</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>إضافة وسم</translation>
    </message>
    <message>
        <source>A note on this item (recorded in its chain of custody)</source>
        <translation>ملاحظة على هذا الدليل (تُسجَّل في سلسلة حيازته)</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>إضافة ملاحظة</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>الحوادث</translation>
    </message>
    <message>
        <source>People</source>
        <translation>الأشخاص</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>الملاحظات</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <source>ERN</source>
        <translation>رقم الدليل</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <source>{ern}, derived from {original}</source>
        <translation>{ern}، مشتق من {original}</translation>
    </message>
</context>
<context>
    <name>ItemsPage</name>
    <message>
        <source>Items</source>
        <translation>الأدلة</translation>
    </message>
    <message>
        <source>Choose the evidence items to export. A redacted copy is listed under its original.</source>
        <translation>اختر الأدلة التي تريد تصديرها. تظهر النسخة المنقّحة تحت أصلها.</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>تحديد الكل</translation>
    </message>
    <message>
        <source>Select n&amp;one</source>
        <translation>إلغاء التحديد</translation>
    </message>
    <message>
        <source>This case has no evidence items: only its statements can leave.</source>
        <translation>لا أدلة في هذه القضية: يمكن تصدير إفاداتها فقط.</translation>
    </message>
    <message numerus="yes">
        <source>{chosen} of %n item(s) chosen</source>
        <translation>
            <numerusform>{chosen} من أصل لا شيء</numerusform>
            <numerusform>{chosen} من أصل دليل واحد</numerusform>
            <numerusform>{chosen} من أصل دليلين</numerusform>
            <numerusform>{chosen} من أصل %n أدلة</numerusform>
            <numerusform>{chosen} من أصل %n دليلًا</numerusform>
            <numerusform>{chosen} من أصل %n دليل</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Sanad</source>
        <translation>سند</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Opening the demo vault…</source>
        <translation>جارٍ فتح الخزنة التجريبية…</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>الرئيسي</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>قفل</translation>
    </message>
    <message>
        <source>Lock the vault now (Ctrl+L)</source>
        <translation>اقفل الخزنة الآن (Ctrl+L)</translation>
    </message>
    <message>
        <source>Search cases, incidents, people and statements (Ctrl+F)</source>
        <translation>ابحث في القضايا والحوادث والأشخاص والإفادات (Ctrl+F)</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>القضايا</translation>
    </message>
    <message>
        <source>Back to the list of cases (Alt+Left)</source>
        <translation>العودة إلى قائمة القضايا (Alt+Left)</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>المراجعة…</translation>
    </message>
    <message>
        <source>Records waiting for review, and those returned to you (Ctrl+R)</source>
        <translation>السجلات التي تنتظر المراجعة، والسجلات المعادة إليك (Ctrl+R)</translation>
    </message>
    <message>
        <source>Users…</source>
        <translation>المستخدمون…</translation>
    </message>
    <message>
        <source>Users of this vault and your passphrase</source>
        <translation>مستخدمو هذه الخزنة وعبارة مرورك</translation>
    </message>
    <message>
        <source>Change my passphrase…</source>
        <translation>تغيير عبارة مروري…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>الإعدادات…</translation>
    </message>
    <message>
        <source>Verify bundle…</source>
        <translation>التحقق من حزمة…</translation>
    </message>
    <message>
        <source>Check an evidence bundle you received or sent</source>
        <translation>التحقق من حزمة أدلة استلمتها أو أرسلتها</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>&amp;Vault</source>
        <translation>الخزنة</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>انتقال</translation>
    </message>
    <message>
        <source>{name} · {role}{admin}</source>
        <translation>{name} · {role}{admin}</translation>
    </message>
    <message>
        <source> · admin</source>
        <translation> · مدير</translation>
    </message>
    <message>
        <source>Read-only: {reason}</source>
        <translation>للقراءة فقط: {reason}</translation>
    </message>
    <message>
        <source>investigator</source>
        <translation>محقق</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>مشرف</translation>
    </message>
    <message>
        <source>legal team</source>
        <translation>الفريق القانوني</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>مدير</translation>
    </message>
</context>
<context>
    <name>MaskedValue</name>
    <message>
        <source>Reveal</source>
        <translation>كشف</translation>
    </message>
    <message>
        <source>Show this value; the reveal is recorded in the audit history</source>
        <translation>اعرض هذه القيمة؛ يُسجَّل الكشف في سجل التدقيق</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>إخفاء</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message numerus="yes">
        <source>Copy; the clipboard is cleared after %n second(s)</source>
        <translation>
            <numerusform>نسخ؛ تُمحى الحافظة بعد %n ثانية</numerusform>
            <numerusform>نسخ؛ تُمحى الحافظة بعد ثانية واحدة</numerusform>
            <numerusform>نسخ؛ تُمحى الحافظة بعد ثانيتين</numerusform>
            <numerusform>نسخ؛ تُمحى الحافظة بعد %n ثوانٍ</numerusform>
            <numerusform>نسخ؛ تُمحى الحافظة بعد %n ثانية</numerusform>
            <numerusform>نسخ؛ تُمحى الحافظة بعد %n ثانية</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MediaPlayer</name>
    <message>
        <source>Position</source>
        <translation>الموقع</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>إيقاف مؤقت</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>تشغيل</translation>
    </message>
    <message>
        <source>Playback stopped: {reason}</source>
        <translation>توقف التشغيل: {reason}</translation>
    </message>
    <message>
        <source>This recording cannot be played: {reason}</source>
        <translation>لا يمكن تشغيل هذا التسجيل: {reason}</translation>
    </message>
</context>
<context>
    <name>MetadataView</name>
    <message>
        <source>Tag</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
    <message>
        <source>Embedded tags as Sanad read them; the blocks below are kept verbatim.</source>
        <translation>الوسوم المضمّنة كما قرأها سند؛ والكتل أدناه محفوظة حرفيًا.</translation>
    </message>
    <message>
        <source>Verbatim blocks</source>
        <translation>الكتل الحرفية</translation>
    </message>
    <message>
        <source>{name} ({size})</source>
        <translation>{name} ({size})</translation>
    </message>
    <message>
        <source>No verbatim metadata blocks are kept for this item.</source>
        <translation>لا كتل بيانات وصفية حرفية محفوظة لهذا الدليل.</translation>
    </message>
    <message>
        <source>Choose a block to see it.</source>
        <translation>اختر كتلة لعرضها.</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>جارٍ قراءة {name}…</translation>
    </message>
    <message>
        <source>as XML</source>
        <translation>بصيغة XML</translation>
    </message>
    <message>
        <source>as JSON</source>
        <translation>بصيغة JSON</translation>
    </message>
    <message>
        <source>as text</source>
        <translation>نصًّا</translation>
    </message>
    <message>
        <source>as hex and ASCII</source>
        <translation>بالست عشري وASCII</translation>
    </message>
    <message>
        <source>{name}: {size}, shown {how}</source>
        <translation>{name}: {size}، معروضة {how}</translation>
    </message>
    <message>
        <source>(the first {shown} of it)</source>
        <translation>(أول {shown} منها)</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>New case</source>
        <translation>قضية جديدة</translation>
    </message>
    <message>
        <source>Like SY-LAT-2025-001</source>
        <translation>مثل SY-LAT-2025-001</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>الملخص</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>درجة الحساسية</translation>
    </message>
</context>
<context>
    <name>NewStatementDialog</name>
    <message>
        <source>New statement</source>
        <translation>إفادة جديدة</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>الشخص</translation>
    </message>
    <message>
        <source>Add a person to the case first: a statement is someone&apos;s.</source>
        <translation>أضف شخصًا إلى القضية أولًا: فالإفادة تعود إلى شخص ما.</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Submit all for review…</source>
        <translation>إرسال الكل للمراجعة…</translation>
    </message>
    <message>
        <source>Submit every statement, incident and evidence item of the case that is in draft or was returned</source>
        <translation>أرسل كل إفادة وحادثة ودليل في القضية ما زال مسودة أو أُعيد للتعديل</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>الملخص</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>درجة الحساسية</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>السجلات</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>الحوادث</translation>
    </message>
    <message>
        <source>People</source>
        <translation>الأشخاص</translation>
    </message>
    <message>
        <source>Statements</source>
        <translation>الإفادات</translation>
    </message>
    <message>
        <source>Evidence items</source>
        <translation>عناصر الأدلة</translation>
    </message>
    <message>
        <source>History</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>فُتحت في</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>آخر تغيير</translation>
    </message>
    <message>
        <source>Submit all for review</source>
        <translation>إرسال الكل للمراجعة</translation>
    </message>
    <message>
        <source>Every statement, incident and evidence item of this case that is in draft or was returned goes to a supervisor. A comment for them (optional):</source>
        <translation>تذهب إلى المشرف كل إفادة وحادثة ودليل في هذه القضية ما زال مسودة أو أُعيد للتعديل. تعليق له (اختياري):</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>إرسال</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) submitted for review</source>
        <translation>
            <numerusform>لم يُرسَل أي سجل للمراجعة</numerusform>
            <numerusform>أُرسل سجل واحد للمراجعة</numerusform>
            <numerusform>أُرسل سجلان للمراجعة</numerusform>
            <numerusform>أُرسلت %Ln سجلات للمراجعة</numerusform>
            <numerusform>أُرسل %Ln سجلًا للمراجعة</numerusform>
            <numerusform>أُرسل %Ln سجل للمراجعة</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PassphraseFields</name>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>عبارة المرور:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>أعد كتابتها:</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>القوة:</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same passphrase twice.</source>
        <translation>العبارتان مختلفتان: اكتب عبارة المرور نفسها مرتين.</translation>
    </message>
    <message>
        <source>Very weak</source>
        <translation>ضعيفة جدًا</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>ضعيفة</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>مقبولة</translation>
    </message>
    <message>
        <source>Strong</source>
        <translation>قوية</translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation>قوية جدًا</translation>
    </message>
    <message>
        <source>The passphrase is too short: use at least {} characters.</source>
        <translation>عبارة المرور قصيرة جدًا: استخدم {} أحرف على الأقل.</translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess: add more words, or choose less common ones.</source>
        <translation>يسهل تخمين عبارة المرور هذه: أضف كلمات أخرى، أو اختر كلمات أقل شيوعًا.</translation>
    </message>
</context>
<context>
    <name>PeopleTab</name>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>وسيلة الاتصال</translation>
    </message>
    <message>
        <source>Identifying details</source>
        <translation>تفاصيل معرِّفة</translation>
    </message>
    <message>
        <source>New person…</source>
        <translation>شخص جديد…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>تعديل…</translation>
    </message>
    <message>
        <source>Add consent…</source>
        <translation>إضافة موافقة…</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>سحب</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Identity held</source>
        <translation>بيانات الهوية المحفوظة</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>الموافقات</translation>
    </message>
    <message>
        <source>Consent records</source>
        <translation>سجلات الموافقة</translation>
    </message>
    <message numerus="yes">
        <source>(%n withdrawn)</source>
        <translation>
            <numerusform>(%n مسحوبة)</numerusform>
            <numerusform>(واحدة مسحوبة)</numerusform>
            <numerusform>(اثنتان مسحوبتان)</numerusform>
            <numerusform>(%n مسحوبة)</numerusform>
            <numerusform>(%n مسحوبة)</numerusform>
            <numerusform>(%n مسحوبة)</numerusform>
        </translation>
    </message>
    <message>
        <source>Record that {0} withdrew their consent to {1} today? The consent stays in the history, marked withdrawn.</source>
        <translation>هل تسجّل أن {0} سحب موافقته على {1} اليوم؟ تبقى الموافقة في السجل موسومةً بأنها مسحوبة.</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>سحب الموافقة</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Witness</source>
        <translation>شاهد</translation>
    </message>
    <message>
        <source>Victim</source>
        <translation>ضحية</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>Alleged perpetrator</source>
        <translation>جانٍ مزعوم</translation>
    </message>
    <message>
        <source>New person</source>
        <translation>شخص جديد</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>تعديل الشخص</translation>
    </message>
    <message>
        <source>Remove the stored value</source>
        <translation>احذف القيمة المحفوظة</translation>
    </message>
    <message>
        <source>Next free code of the role</source>
        <translation>الرمز المتاح التالي لهذا الدور</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>الرمز</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>وسيلة الاتصال</translation>
    </message>
    <message>
        <source>Identifying details</source>
        <translation>تفاصيل معرِّفة</translation>
    </message>
    <message>
        <source>Stored; leave empty to keep it</source>
        <translation>محفوظة؛ اتركها فارغة للإبقاء عليها</translation>
    </message>
    <message>
        <source>Names, contacts and details stay in the vault; outside it the person is known by code only.</source>
        <translation>تبقى الأسماء ووسائل الاتصال والتفاصيل داخل الخزنة؛ وخارجها لا يُعرف الشخص إلا برمزه.</translation>
    </message>
    <message>
        <source>Type a new value, or choose to remove a stored one.</source>
        <translation>اكتب قيمة جديدة، أو اختر حذف قيمة محفوظة.</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message numerus="yes">
        <source>{done} of %Ln file(s)</source>
        <translation>
            <numerusform>{done} من لا ملفات</numerusform>
            <numerusform>{done} من ملف واحد</numerusform>
            <numerusform>{done} من ملفين</numerusform>
            <numerusform>{done} من %Ln ملفات</numerusform>
            <numerusform>{done} من %Ln ملفًا</numerusform>
            <numerusform>{done} من %Ln ملف</numerusform>
        </translation>
    </message>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} من {total}</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>Nothing was returned to you.</source>
        <translation>لم يُعَد إليك شيء.</translation>
    </message>
    <message>
        <source>Nothing is waiting for review.</source>
        <translation>لا شيء ينتظر المراجعة.</translation>
    </message>
</context>
<context>
    <name>RecipientPage</name>
    <message>
        <source>Recipient and purpose</source>
        <translation>المستلم والغرض</translation>
    </message>
    <message>
        <source>Who receives the bundle decides what may leave: each person&apos;s consent must cover it.</source>
        <translation>الجهة المستلمة تحدّد ما يجوز أن يخرج: يجب أن تشملها موافقة كل شخص.</translation>
    </message>
    <message>
        <source>&amp;UN</source>
        <translation>الأمم المتحدة</translation>
    </message>
    <message>
        <source>A UN investigative mechanism or commission of inquiry: consent to sharing with the UN.</source>
        <translation>آلية تحقيق أو لجنة تحقيق تابعة للأمم المتحدة: موافقة على المشاركة مع الأمم المتحدة.</translation>
    </message>
    <message>
        <source>&amp;Prosecutors</source>
        <translation>النيابة العامة</translation>
    </message>
    <message>
        <source>A prosecutor&apos;s office or a court: consent to sharing with prosecutors.</source>
        <translation>نيابة عامة أو محكمة: موافقة على المشاركة مع النيابة العامة.</translation>
    </message>
    <message>
        <source>Publi&amp;cation</source>
        <translation>النشر</translation>
    </message>
    <message>
        <source>Published by the organisation or the press: consent to publication.</source>
        <translation>تنشره المنظمة أو الصحافة: موافقة على النشر.</translation>
    </message>
    <message>
        <source>Why the bundle is made (required; it goes into the bundle)</source>
        <translation>لماذا تُعدّ الحزمة (إلزامي؛ يُكتب في الحزمة)</translation>
    </message>
    <message>
        <source>The sending organisation, as the report names it</source>
        <translation>المنظمة المرسِلة، كما يذكرها التقرير</translation>
    </message>
    <message>
        <source>Include &amp;identities (names and contacts)</source>
        <translation>تضمين الهويات (الأسماء ووسائل الاتصال)</translation>
    </message>
    <message>
        <source>Pu&amp;rpose</source>
        <translation>الغرض</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>المنظمة</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Recover access</source>
        <translation>استعادة الوصول</translation>
    </message>
    <message>
        <source>Type the recovery code written down when the vault was created, your user name and a new passphrase. You get a new signing key too; the vault&apos;s history records the recovery, and supervisors see it.</source>
        <translation>اكتب رمز الاستعادة الذي دوّنته عند إنشاء الخزنة، واسم المستخدم، وعبارة مرور جديدة. ستحصل أيضًا على مفتاح توقيع جديد؛ وتُسجَّل الاستعادة في سجل الخزنة ويراه المشرفون.</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>استعادة</translation>
    </message>
    <message>
        <source>Recovery &amp;code:</source>
        <translation>رمز الاستعادة:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>اسم المستخدم:</translation>
    </message>
    <message>
        <source>Enter the recovery code and your user name.</source>
        <translation>أدخل رمز الاستعادة واسم المستخدم.</translation>
    </message>
    <message>
        <source>Wrong recovery code. Check it and try again.</source>
        <translation>رمز الاستعادة خاطئ. تحقق منه وحاول مجددًا.</translation>
    </message>
</context>
<context>
    <name>RedactionEditor</name>
    <message>
        <source>Redact an image</source>
        <translation>تنقيح صورة</translation>
    </message>
    <message>
        <source>Blur</source>
        <translation>تمويه</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>تسويد</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>معاينة</translation>
    </message>
    <message>
        <source>Remove box</source>
        <translation>إزالة المربع</translation>
    </message>
    <message>
        <source>Undo last box</source>
        <translation>تراجع عن آخر مربع</translation>
    </message>
    <message>
        <source>Drag on the image to draw a box over a face, a name tag or a number plate. Drag a box to move it, or its corners to resize it. Del removes the selected box, Ctrl+Z the last one. The original is never changed: Save adds a redacted copy.</source>
        <translation>اسحب على الصورة لرسم مربع فوق وجه أو بطاقة اسم أو لوحة سيارة. اسحب المربع لتحريكه، أو زواياه لتغيير حجمه. يزيل Del المربع المحدد، وCtrl+Z آخر مربع. الأصل لا يتغير أبدًا: «حفظ» يضيف نسخة منقّحة.</translation>
    </message>
    <message numerus="yes">
        <source>%n box(es)</source>
        <translation>
            <numerusform>لا مربعات</numerusform>
            <numerusform>مربع واحد</numerusform>
            <numerusform>مربعان</numerusform>
            <numerusform>%n مربعات</numerusform>
            <numerusform>%n مربعًا</numerusform>
            <numerusform>%n مربع</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreDraftsDialog</name>
    <message>
        <source>Unsaved work</source>
        <translation>عمل غير محفوظ</translation>
    </message>
    <message>
        <source>When Sanad locked, %n editor(s) had unsaved changes. They were kept, encrypted, in the vault. Open them again?</source>
        <translation>عندما قُفل سند، كانت في %n محرر تغييرات غير محفوظة. حُفظت مشفّرة في الخزنة. هل تفتحها مجددًا؟</translation>
    </message>
    <message>
        <source>Open them again</source>
        <translation>افتحها مجددًا</translation>
    </message>
    <message>
        <source>Discard them</source>
        <translation>تجاهلها</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Bundle written</source>
        <translation>كُتبت الحزمة</translation>
    </message>
    <message>
        <source>Give recipients the signer&apos;s fingerprint through another channel, so they can tell the bundle comes from you.</source>
        <translation>أعطِ المستلمين بصمة مفتاح الموقِّع عبر قناة أخرى، ليتأكدوا أن الحزمة منك.</translation>
    </message>
    <message>
        <source>Bundle id</source>
        <translation>معرّف الحزمة</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Tag-manifest SHA-256</source>
        <translation>بصمة SHA-256 لقائمة الوسوم</translation>
    </message>
    <message>
        <source>Signer fingerprint</source>
        <translation>بصمة مفتاح الموقِّع</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>نسخ</translation>
    </message>
    <message>
        <source>Encrypted to its recipients: Sanad cannot read it back. A recipient checks it with their own key (Verify bundle…).</source>
        <translation>مشفّرة لمستلميها: لا يستطيع سند قراءتها. يتحقق منها المستلم بمفتاحه (التحقق من حزمة…).</translation>
    </message>
    <message>
        <source>Verified: {files}, {chains}.</source>
        <translation>تم التحقق: {files}، {chains}.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>لا ملفات</numerusform>
            <numerusform>ملف واحد</numerusform>
            <numerusform>ملفان</numerusform>
            <numerusform>%n ملفات</numerusform>
            <numerusform>%n ملفًا</numerusform>
            <numerusform>%n ملف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n custody chain(s)</source>
        <translation>
            <numerusform>لا سلاسل حيازة</numerusform>
            <numerusform>سلسلة حيازة واحدة</numerusform>
            <numerusform>سلسلتا حيازة</numerusform>
            <numerusform>%n سلاسل حيازة</numerusform>
            <numerusform>%n سلسلة حيازة</numerusform>
            <numerusform>%n سلسلة حيازة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reading the bundle back found %n problem(s):</source>
        <translation>
            <numerusform>لم تجد قراءة الحزمة أي مشكلة:</numerusform>
            <numerusform>وجدت قراءة الحزمة مشكلة واحدة:</numerusform>
            <numerusform>وجدت قراءة الحزمة مشكلتين:</numerusform>
            <numerusform>وجدت قراءة الحزمة %n مشكلات:</numerusform>
            <numerusform>وجدت قراءة الحزمة %n مشكلة:</numerusform>
            <numerusform>وجدت قراءة الحزمة %n مشكلة:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>Draft</source>
        <translation>مسودة</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>بانتظار المراجعة</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>معتمد</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>مُعاد للتعديل</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>إفادة</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>حادثة</translation>
    </message>
    <message>
        <source>Evidence item</source>
        <translation>دليل</translation>
    </message>
    <message>
        <source>Draft (edited since {step})</source>
        <translation>مسودة (عُدّل بعد {step})</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>الإرسال</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>الاعتماد</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>الإعادة</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <source>Exactly what will leave the vault, and what stays in it and why. Nothing is written yet.</source>
        <translation>ما سيخرج من الخزنة بالضبط، وما يبقى فيها ولماذا. لم يُكتب شيء بعد.</translation>
    </message>
    <message>
        <source>&amp;Not approved by a supervisor</source>
        <translation>غير المعتمد من مشرف</translation>
    </message>
    <message>
        <source>&amp;Include records not approved by a supervisor</source>
        <translation>تضمين السجلات غير المعتمدة من مشرف</translation>
    </message>
    <message>
        <source>A prosecutor or a court receives only the statements and items a supervisor approved, unless you include the others.</source>
        <translation>لا يتلقى المدّعي العام أو المحكمة إلا الإفادات والأدلة التي اعتمدها مشرف، ما لم تضمّن غيرها.</translation>
    </message>
    <message>
        <source>&amp;Leaves the vault</source>
        <translation>يخرج من الخزنة</translation>
    </message>
    <message>
        <source>&amp;Held back</source>
        <translation>محجوز</translation>
    </message>
    <message>
        <source>Reading what this export would hold…</source>
        <translation>جارٍ قراءة ما سيتضمنه هذا التصدير…</translation>
    </message>
    <message>
        <source>Blocks the export: {reason}</source>
        <translation>يمنع التصدير: {reason}</translation>
    </message>
    <message>
        <source>This export cannot go ahead: change what is listed under Held back, or go back and include identities.</source>
        <translation>لا يمكن المضي في هذا التصدير: غيّر ما هو مدرج تحت «محجوز»، أو ارجع وضمّن الهويات.</translation>
    </message>
    <message>
        <source>Nothing of this case can leave the vault for this export.</source>
        <translation>لا يمكن أن يخرج شيء من هذه القضية في هذا التصدير.</translation>
    </message>
    <message>
        <source>Leaving: {items}, {statements}, {identities} ({size}). Held back: {held}.</source>
        <translation>يخرج: {items}، {statements}، {identities} ({size}). محجوز: {held}.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>لا أدلة</numerusform>
            <numerusform>دليل واحد</numerusform>
            <numerusform>دليلان</numerusform>
            <numerusform>%n أدلة</numerusform>
            <numerusform>%n دليلًا</numerusform>
            <numerusform>%n دليل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n statement(s)</source>
        <translation>
            <numerusform>لا إفادات</numerusform>
            <numerusform>إفادة واحدة</numerusform>
            <numerusform>إفادتان</numerusform>
            <numerusform>%n إفادات</numerusform>
            <numerusform>%n إفادة</numerusform>
            <numerusform>%n إفادة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n identity(ies)</source>
        <translation>
            <numerusform>لا هويات</numerusform>
            <numerusform>هوية واحدة</numerusform>
            <numerusform>هويتان</numerusform>
            <numerusform>%n هويات</numerusform>
            <numerusform>%n هوية</numerusform>
            <numerusform>%n هوية</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>لا سجلات</numerusform>
            <numerusform>سجل واحد</numerusform>
            <numerusform>سجلان</numerusform>
            <numerusform>%n سجلات</numerusform>
            <numerusform>%n سجلًا</numerusform>
            <numerusform>%n سجل</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not approved by a supervisor: %n record(s).</source>
        <translation>
            <numerusform>غير معتمد من مشرف: لا سجلات.</numerusform>
            <numerusform>غير معتمد من مشرف: سجل واحد.</numerusform>
            <numerusform>غير معتمد من مشرف: سجلان.</numerusform>
            <numerusform>غير معتمد من مشرف: %n سجلات.</numerusform>
            <numerusform>غير معتمد من مشرف: %n سجلًا.</numerusform>
            <numerusform>غير معتمد من مشرف: %n سجل.</numerusform>
        </translation>
    </message>
    <message>
        <source>{ern}, derived from {original} → {path} ({size})</source>
        <translation>{ern}، مشتق من {original} ← {path} ({size})</translation>
    </message>
    <message>
        <source>{ern} → {path} ({size})</source>
        <translation>{ern} ← {path} ({size})</translation>
    </message>
    <message>
        <source>Statement {ref} of {code}, version {version}, its redacted export text → {path}</source>
        <translation>الإفادة {ref} لـ {code}، النسخة {version}، نصها المنقّح للتصدير ← {path}</translation>
    </message>
    <message>
        <source>Statement {ref} of {code}, version {version} → {path}</source>
        <translation>الإفادة {ref} لـ {code}، النسخة {version} ← {path}</translation>
    </message>
    <message>
        <source>The name and contact details of {code}</source>
        <translation>اسم {code} ووسائل الاتصال به</translation>
    </message>
    <message>
        <source>draft, not approved</source>
        <translation>مسودة، غير معتمد</translation>
    </message>
    <message>
        <source>submitted, not approved</source>
        <translation>أُرسل للمراجعة، غير معتمد</translation>
    </message>
    <message>
        <source>returned for changes, not approved</source>
        <translation>أُعيد للتعديل، غير معتمد</translation>
    </message>
    <message>
        <source>{state} (version {approved} was approved; version {version} is current)</source>
        <translation>{state} (اعتُمدت النسخة {approved}؛ والنسخة الحالية {version})</translation>
    </message>
    <message>
        <source>{record}: {state}; leaves with this export</source>
        <translation>{record}: {state}؛ يُرسَل مع هذا التصدير</translation>
    </message>
    <message>
        <source>{record}: {state}; held back</source>
        <translation>{record}: {state}؛ محجوب عن التصدير</translation>
    </message>
</context>
<context>
    <name>ReviewQueue</name>
    <message>
        <source>Case</source>
        <translation>القضية</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>النسخة</translation>
    </message>
    <message>
        <source>Returned by</source>
        <translation>أعاده</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>أرسله</translation>
    </message>
    <message>
        <source>Returned on</source>
        <translation>تاريخ الإعادة</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>منذ</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>التعليق</translation>
    </message>
</context>
<context>
    <name>ReviewStatus</name>
    <message>
        <source>Submit for review…</source>
        <translation>إرسال للمراجعة…</translation>
    </message>
    <message>
        <source>Ask a supervisor to review this version of the record</source>
        <translation>اطلب من مشرف مراجعة هذه النسخة من السجل</translation>
    </message>
    <message>
        <source>Returned by {name} on {when}: {comment}</source>
        <translation>أعاده {name} في {when}: {comment}</translation>
    </message>
    <message>
        <source>Review: draft, never submitted (version {version})</source>
        <translation>المراجعة: مسودة لم تُرسَل قط (النسخة {version})</translation>
    </message>
    <message>
        <source>Review: submitted by {name} on {when} (version {version})</source>
        <translation>المراجعة: أرسله {name} في {when} (النسخة {version})</translation>
    </message>
    <message>
        <source>Review: approved by {name} on {when} (version {version})</source>
        <translation>المراجعة: اعتمده {name} في {when} (النسخة {version})</translation>
    </message>
    <message>
        <source>Review: returned by {name} on {when}</source>
        <translation>المراجعة: أعاده {name} في {when}</translation>
    </message>
    <message>
        <source>Review: draft, changed since version {old} was {step} by {name} on {when}</source>
        <translation>المراجعة: مسودة، عُدّل بعد {step} للنسخة {old} على يد {name} في {when}</translation>
    </message>
    <message>
        <source>Submit {record} for review</source>
        <translation>إرسال {record} للمراجعة</translation>
    </message>
    <message>
        <source>A comment for the supervisor (optional):</source>
        <translation>تعليق للمشرف (اختياري):</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>إرسال</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>اعتماد…</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>إعادة…</translation>
    </message>
    <message>
        <source>Open in its case</source>
        <translation>فتح في قضيته</translation>
    </message>
    <message>
        <source>Open the record to change it, then submit it again</source>
        <translation>افتح السجل لتعديله، ثم أرسله مجددًا</translation>
    </message>
    <message>
        <source>Waiting for review</source>
        <translation>بانتظار المراجعة</translation>
    </message>
    <message>
        <source>Returned to me</source>
        <translation>أُعيد إليّ</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>إعادة التحميل</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for review (%Ln)</source>
        <translation>
            <numerusform>بانتظار المراجعة (%Ln)</numerusform>
            <numerusform>بانتظار المراجعة (%Ln)</numerusform>
            <numerusform>بانتظار المراجعة (%Ln)</numerusform>
            <numerusform>بانتظار المراجعة (%Ln)</numerusform>
            <numerusform>بانتظار المراجعة (%Ln)</numerusform>
            <numerusform>بانتظار المراجعة (%Ln)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Returned to me (%Ln)</source>
        <translation>
            <numerusform>أُعيد إليّ (%Ln)</numerusform>
            <numerusform>أُعيد إليّ (%Ln)</numerusform>
            <numerusform>أُعيد إليّ (%Ln)</numerusform>
            <numerusform>أُعيد إليّ (%Ln)</numerusform>
            <numerusform>أُعيد إليّ (%Ln)</numerusform>
            <numerusform>أُعيد إليّ (%Ln)</numerusform>
        </translation>
    </message>
    <message>
        <source>Returned by {name}: {comment}</source>
        <translation>أعاده {name}: {comment}</translation>
    </message>
    <message>
        <source>Submitted by {name}: {comment}</source>
        <translation>أرسله {name}: {comment}</translation>
    </message>
    <message>
        <source>{kind} {record} of case {case}, version {version}</source>
        <translation>{kind} {record} من القضية {case}، النسخة {version}</translation>
    </message>
    <message>
        <source>Type: {media_type}, {size}</source>
        <translation>النوع: {media_type}، {size}</translation>
    </message>
    <message>
        <source>SHA-256: {digest}</source>
        <translation>SHA-256: {digest}</translation>
    </message>
    <message>
        <source>Original file name: {name} (open the item in its case to reveal it)</source>
        <translation>اسم الملف الأصلي: {name} (افتح الدليل في قضيته لإظهاره)</translation>
    </message>
    <message>
        <source>Captured: {when}</source>
        <translation>وقت الالتقاط: {when}</translation>
    </message>
    <message>
        <source>Incidents: {labels}</source>
        <translation>الحوادث: {labels}</translation>
    </message>
    <message>
        <source>People: {codes}</source>
        <translation>الأشخاص: {codes}</translation>
    </message>
    <message>
        <source>Tags: {tags}</source>
        <translation>الوسوم: {tags}</translation>
    </message>
    <message>
        <source>Approve {record}</source>
        <translation>اعتماد {record}</translation>
    </message>
    <message>
        <source>A comment on the approval (optional):</source>
        <translation>تعليق على الاعتماد (اختياري):</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>اعتماد</translation>
    </message>
    <message>
        <source>{record} of case {case} approved.</source>
        <translation>اعتُمد {record} من القضية {case}.</translation>
    </message>
    <message>
        <source>Return {record}</source>
        <translation>إعادة {record}</translation>
    </message>
    <message>
        <source>Say what to change; the author sees this comment on the record:</source>
        <translation>وضّح ما يجب تغييره؛ يرى كاتب السجل هذا التعليق عليه:</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>{record} of case {case} returned.</source>
        <translation>أُعيد {record} من القضية {case}.</translation>
    </message>
    <message>
        <source>Approve the submitted version of this record</source>
        <translation>اعتماد النسخة المرسلة من هذا السجل</translation>
    </message>
    <message>
        <source>Send this record back to its author with a comment</source>
        <translation>إعادة هذا السجل إلى كاتبه مع تعليق</translation>
    </message>
    <message>
        <source>Only a supervisor may approve or return records</source>
        <translation>لا يعتمد السجلات أو يعيدها إلا مشرف</translation>
    </message>
    <message>
        <source>Only {holders} may approve or return records</source>
        <translation>لا يعتمد السجلات أو يعيدها إلا {holders}</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Investigator</source>
        <translation>محقق</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>مشرف</translation>
    </message>
    <message>
        <source>Legal team</source>
        <translation>الفريق القانوني</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>مدير</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search cases, incidents, statements…</source>
        <translation>ابحث في القضايا والحوادث والإفادات…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>القضية</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>المطابقة</translation>
    </message>
    <message numerus="yes">
        <source>Type at least %Ln letters.</source>
        <translation>
            <numerusform>اكتب %Ln أحرف على الأقل.</numerusform>
            <numerusform>اكتب %Ln أحرف على الأقل.</numerusform>
            <numerusform>اكتب %Ln أحرف على الأقل.</numerusform>
            <numerusform>اكتب %Ln أحرف على الأقل.</numerusform>
            <numerusform>اكتب %Ln أحرف على الأقل.</numerusform>
            <numerusform>اكتب %Ln أحرف على الأقل.</numerusform>
        </translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <source>No matches.</source>
        <translation>لا نتائج.</translation>
    </message>
    <message numerus="yes">
        <source>The best {shown} of %Ln matches.</source>
        <translation>
            <numerusform>أفضل {shown} من %Ln نتيجة.</numerusform>
            <numerusform>أفضل {shown} من نتيجة واحدة.</numerusform>
            <numerusform>أفضل {shown} من نتيجتين.</numerusform>
            <numerusform>أفضل {shown} من %Ln نتائج.</numerusform>
            <numerusform>أفضل {shown} من %Ln نتيجة.</numerusform>
            <numerusform>أفضل {shown} من %Ln نتيجة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es).</source>
        <translation>
            <numerusform>لا نتائج.</numerusform>
            <numerusform>نتيجة واحدة.</numerusform>
            <numerusform>نتيجتان.</numerusform>
            <numerusform>%Ln نتائج.</numerusform>
            <numerusform>%Ln نتيجة.</numerusform>
            <numerusform>%Ln نتيجة.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>القضايا</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>الحوادث</translation>
    </message>
    <message>
        <source>Statements</source>
        <translation>الإفادات</translation>
    </message>
    <message>
        <source>People</source>
        <translation>الأشخاص</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>الأدلة</translation>
    </message>
    <message>
        <source>{group} ({count})</source>
        <translation>{group} ({count})</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>A new language applies the next time Sanad starts.</source>
        <translation>تُطبَّق اللغة الجديدة عند تشغيل سند في المرة القادمة.</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n دقيقة</numerusform>
            <numerusform>دقيقة واحدة</numerusform>
            <numerusform>دقيقتان</numerusform>
            <numerusform>%n دقائق</numerusform>
            <numerusform>%n دقيقة</numerusform>
            <numerusform>%n دقيقة</numerusform>
        </translation>
    </message>
    <message>
        <source>Lock after no activity for</source>
        <translation>اقفل بعد انقطاع النشاط لمدة</translation>
    </message>
</context>
<context>
    <name>ShredDialog</name>
    <message>
        <source>Shred evidence</source>
        <translation>إتلاف دليل</translation>
    </message>
    <message>
        <source>Shredding destroys this item&apos;s content for good: its bytes, thumbnails and metadata, and the identifying values of its acquisitions (original file names, sources, devices, addresses). Its encryption key is deleted, so even a surviving copy of the file cannot be read.

What stays: its ERN (never reused), its SHA-256 and size, its links and tags, and its chain of custody, which ends with a signed &apos;shredded&apos; event. This cannot be undone.</source>
        <translation>الإتلاف يدمّر محتوى هذا الدليل نهائيًا: بايتاته وصوره المصغّرة وبياناته الوصفية، والقيم المعرِّفة لعمليات الاستحواذ (أسماء الملفات الأصلية والمصادر والأجهزة والعناوين). ويُحذف مفتاح تشفيره، فلا يمكن قراءة أي نسخة باقية من الملف.

ما يبقى: رقم الدليل (لا يُعاد استخدامه أبدًا)، وبصمة SHA-256 والحجم، والروابط والوسوم، وسلسلة الحيازة التي تنتهي بحدث «إتلاف» موقَّع. لا يمكن التراجع عن هذا.</translation>
    </message>
    <message>
        <source>Why this content must be destroyed (kept, committed in the chain)</source>
        <translation>لماذا يجب إتلاف هذا المحتوى (يُحفظ السبب على شكل التزام في السلسلة)</translation>
    </message>
    <message>
        <source>Type the ERN shown above</source>
        <translation>اكتب رقم الدليل المعروض أعلاه</translation>
    </message>
    <message>
        <source>Shred</source>
        <translation>إتلاف</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>To confirm, type the ERN</source>
        <translation>للتأكيد، اكتب رقم الدليل</translation>
    </message>
    <message>
        <source>Give the reason for shredding this item.</source>
        <translation>اذكر سبب إتلاف هذا الدليل.</translation>
    </message>
    <message>
        <source>Type the item&apos;s ERN exactly as shown to confirm.</source>
        <translation>اكتب رقم الدليل كما هو معروض تمامًا للتأكيد.</translation>
    </message>
</context>
<context>
    <name>SideBySideDiff</name>
    <message>
        <source>Deleted</source>
        <translation>محذوف</translation>
    </message>
    <message>
        <source>Inserted</source>
        <translation>مُضاف</translation>
    </message>
</context>
<context>
    <name>StatementEditor</name>
    <message>
        <source>YYYY-MM-DD, YYYY-MM or YYYY</source>
        <translation>YYYY-MM-DD أو YYYY-MM أو YYYY</translation>
    </message>
    <message>
        <source>a code like ar, en or ar-SY</source>
        <translation>رمز مثل ar أو en أو ar-SY</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Interviewed on</source>
        <translation>تاريخ المقابلة</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation>المحاوِر</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>المترجم</translation>
    </message>
    <message>
        <source>{ref} of {code}, version {version}</source>
        <translation>{ref} لـ {code}، النسخة {version}</translation>
    </message>
    <message>
        <source>New statement of {code}</source>
        <translation>إفادة جديدة لـ {code}</translation>
    </message>
</context>
<context>
    <name>StatementHistory</name>
    <message>
        <source>Statement history</source>
        <translation>سجل نسخ الإفادة</translation>
    </message>
    <message>
        <source>Versions of {ref}</source>
        <translation>نسخ {ref}</translation>
    </message>
    <message>
        <source>Compare version</source>
        <translation>قارن النسخة</translation>
    </message>
    <message>
        <source>with version</source>
        <translation>بالنسخة</translation>
    </message>
    <message>
        <source>{number} ({when}, {who})</source>
        <translation>{number} ({when}، {who})</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <source>Version {number}: {when}, {who}</source>
        <translation>النسخة {number}: {when}، {who}</translation>
    </message>
    <message>
        <source>Interviewed on</source>
        <translation>تاريخ المقابلة</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Interviewer</source>
        <translation>المحاوِر</translation>
    </message>
    <message>
        <source>Interpreter</source>
        <translation>المترجم</translation>
    </message>
</context>
<context>
    <name>StatementsTab</name>
    <message>
        <source>New statement…</source>
        <translation>إفادة جديدة…</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>السجل…</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>المرجع</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>الشخص</translation>
    </message>
    <message>
        <source>Interviewed on</source>
        <translation>تاريخ المقابلة</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>النسخة</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>المراجعة</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>آخر تعديل</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>تغييرات غير محفوظة</translation>
    </message>
    <message>
        <source>This statement has unsaved changes. Discard them?</source>
        <translation>في هذه الإفادة تغييرات غير محفوظة. هل تتجاهلها؟</translation>
    </message>
</context>
<context>
    <name>UnapprovedConfirmation</name>
    <message>
        <source>Include records not approved</source>
        <translation>تضمين السجلات غير المعتمدة</translation>
    </message>
    <message>
        <source>Statements and evidence items that no supervisor approved will be sent to the prosecutor or court.</source>
        <translation>ستُرسَل إلى المدّعي العام أو المحكمة إفادات وأدلة لم يعتمدها أي مشرف.</translation>
    </message>
    <message>
        <source>Your choice is recorded in the audit history, and the bundle&apos;s report says which records were not approved. Include them?</source>
        <translation>يُسجَّل اختيارك في سجل التدقيق، ويذكر تقرير الحزمة السجلات غير المعتمدة. هل تضمّنها؟</translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <source>Sanad is locked</source>
        <translation>سند مقفل</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>عبارة المرور</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>فتح القفل</translation>
    </message>
    <message>
        <source>Forgot passphrase?</source>
        <translation>نسيت عبارة المرور؟</translation>
    </message>
    <message>
        <source>Open or create another vault…</source>
        <translation>افتح خزنة أخرى أو أنشئ واحدة…</translation>
    </message>
    <message>
        <source>Vault folder:</source>
        <translation>مجلد الخزنة:</translation>
    </message>
    <message>
        <source>Wrong passphrase. Check it and try again.</source>
        <translation>عبارة المرور خاطئة. تحقق منها وحاول مجددًا.</translation>
    </message>
    <message>
        <source>This vault cannot be opened: it is damaged or incomplete.</source>
        <translation>تعذّر فتح هذه الخزنة: إنها تالفة أو ناقصة.</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>المستخدمون</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>إضافة مستخدم…</translation>
    </message>
    <message>
        <source>&amp;Change my passphrase…</source>
        <translation>تغيير عبارة مروري…</translation>
    </message>
    <message>
        <source>Only an administrator can add users.</source>
        <translation>لا يضيف المستخدمين إلا المدير.</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>الدور</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>مدير</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>بصمة المفتاح</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>أُضيف في</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>No</source>
        <translation>لا</translation>
    </message>
</context>
<context>
    <name>VerifyBundleDialog</name>
    <message>
        <source>Verify bundle</source>
        <translation>التحقق من حزمة</translation>
    </message>
    <message>
        <source>Check a bundle as its recipient would: every file&apos;s hash, the signature, the signers&apos; key events and every chain of custody. Nothing is changed.</source>
        <translation>تحقّق من الحزمة كما يفعل مستلمها: بصمة كل ملف، والتوقيع، وأحداث مفاتيح الموقِّعين، وكل سلسلة حيازة. لا يتغير شيء.</translation>
    </message>
    <message>
        <source>Compare this fingerprint with the one the sender publishes: only then do you know who signed the bundle.</source>
        <translation>قارن هذه البصمة بالبصمة التي ينشرها المرسِل: عندها فقط تعرف من وقّع الحزمة.</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>تحقّق</translation>
    </message>
    <message>
        <source>Bundle id</source>
        <translation>معرّف الحزمة</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>القضية</translation>
    </message>
    <message>
        <source>Signer fingerprint</source>
        <translation>بصمة مفتاح الموقِّع</translation>
    </message>
    <message>
        <source>Checking the signature…</source>
        <translation>جارٍ التحقق من التوقيع…</translation>
    </message>
    <message>
        <source>Verifying the bundle</source>
        <translation>جارٍ التحقق من الحزمة</translation>
    </message>
    <message>
        <source>Bundle {name} verifies: {files}, {chains}, signed as shown below.</source>
        <translation>الحزمة {name} سليمة: {files}، {chains}، موقّعة كما هو مبيّن أدناه.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>لا ملفات</numerusform>
            <numerusform>ملف واحد</numerusform>
            <numerusform>ملفان</numerusform>
            <numerusform>%n ملفات</numerusform>
            <numerusform>%n ملفًا</numerusform>
            <numerusform>%n ملف</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n custody chain(s)</source>
        <translation>
            <numerusform>لا سلاسل حيازة</numerusform>
            <numerusform>سلسلة حيازة واحدة</numerusform>
            <numerusform>سلسلتا حيازة</numerusform>
            <numerusform>%n سلاسل حيازة</numerusform>
            <numerusform>%n سلسلة حيازة</numerusform>
            <numerusform>%n سلسلة حيازة</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Bundle {name} does NOT verify: %n problem(s).</source>
        <translation>
            <numerusform>الحزمة {name} غير سليمة.</numerusform>
            <numerusform>الحزمة {name} غير سليمة: مشكلة واحدة.</numerusform>
            <numerusform>الحزمة {name} غير سليمة: مشكلتان.</numerusform>
            <numerusform>الحزمة {name} غير سليمة: %n مشكلات.</numerusform>
            <numerusform>الحزمة {name} غير سليمة: %n مشكلة.</numerusform>
            <numerusform>الحزمة {name} غير سليمة: %n مشكلة.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerifyCaseDialog</name>
    <message>
        <source>Verify case</source>
        <translation>تحقق من القضية</translation>
    </message>
    <message>
        <source>Re-hash every item of this case, authenticate its thumbnails, and check every chain of custody, every signature and the case&apos;s records in the audit chain. Nothing is changed unless you record the result.</source>
        <translation>أعد حساب بصمة كل دليل في هذه القضية، وتحقق من صوره المصغّرة، ومن كل سلسلة حيازة وكل توقيع، ومن سجلات القضية في سلسلة التدقيق. لا يتغير شيء إلا إذا سجّلت النتيجة.</translation>
    </message>
    <message>
        <source>Record the result in each item&apos;s chain of custody</source>
        <translation>سجّل النتيجة في سلسلة حيازة كل دليل</translation>
    </message>
    <message>
        <source>This vault is open read-only: a verification cannot be recorded in it</source>
        <translation>هذه الخزنة مفتوحة للقراءة فقط: لا يمكن تسجيل تحقق فيها</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>تحقق</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>أُلغي.</translation>
    </message>
    <message>
        <source>Checking the audit chain…</source>
        <translation>جارٍ التحقق من سلسلة التدقيق…</translation>
    </message>
    <message>
        <source>Checking the case&apos;s records…</source>
        <translation>جارٍ التحقق من سجلات القضية…</translation>
    </message>
    <message>
        <source>Checking the chains of custody…</source>
        <translation>جارٍ التحقق من سلاسل الحيازة…</translation>
    </message>
    <message>
        <source>Re-hashing {ern}…</source>
        <translation>جارٍ إعادة حساب بصمة {ern}…</translation>
    </message>
    <message numerus="yes">
        <source>All %n item(s) intact.</source>
        <translation>
            <numerusform>لا أدلة.</numerusform>
            <numerusform>الدليل الوحيد سليم.</numerusform>
            <numerusform>الدليلان سليمان.</numerusform>
            <numerusform>الأدلة الـ%n كلها سليمة.</numerusform>
            <numerusform>الأدلة الـ%n كلها سليمة.</numerusform>
            <numerusform>الأدلة الـ%n كلها سليمة.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Problems found: {failed} of %n item(s).</source>
        <translation>
            <numerusform>وُجدت مشكلات: {failed} من لا أدلة.</numerusform>
            <numerusform>وُجدت مشكلات: {failed} من دليل واحد.</numerusform>
            <numerusform>وُجدت مشكلات: {failed} من دليلين.</numerusform>
            <numerusform>وُجدت مشكلات: {failed} من %n أدلة.</numerusform>
            <numerusform>وُجدت مشكلات: {failed} من %n دليلًا.</numerusform>
            <numerusform>وُجدت مشكلات: {failed} من %n دليل.</numerusform>
        </translation>
    </message>
    <message>
        <source>{size} re-hashed.</source>
        <translation>أُعيد حساب بصمة {size}.</translation>
    </message>
    <message>
        <source>The results were recorded in the items&apos; chains of custody.</source>
        <translation>سُجّلت النتائج في سلاسل حيازة الأدلة.</translation>
    </message>
    <message numerus="yes">
        <source>%n audit event(s) checked</source>
        <translation>
            <numerusform>لم يُفحص أي حدث تدقيق</numerusform>
            <numerusform>فُحص حدث تدقيق واحد</numerusform>
            <numerusform>فُحص حدثا تدقيق</numerusform>
            <numerusform>فُحصت %n أحداث تدقيق</numerusform>
            <numerusform>فُحص %n حدثًا من أحداث التدقيق</numerusform>
            <numerusform>فُحص %n حدث تدقيق</numerusform>
        </translation>
    </message>
    <message>
        <source>Audit chain: {events}, intact.</source>
        <translation>سلسلة التدقيق: {events}، سليمة.</translation>
    </message>
    <message>
        <source>Audit chain: {events}, with problems:</source>
        <translation>سلسلة التدقيق: {events}، وفيها مشكلات:</translation>
    </message>
</context>
<context>
    <name>VersionsModel</name>
    <message>
        <source>Version</source>
        <translation>النسخة</translation>
    </message>
    <message>
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <source>By</source>
        <translation>بواسطة</translation>
    </message>
</context>
<context>
    <name>ViolationPicker</name>
    <message>
        <source>Filter violation types</source>
        <translation>صفِّ أنواع الانتهاكات</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <source>&amp;Create a new vault</source>
        <translation>إنشاء خزنة جديدة</translation>
    </message>
    <message>
        <source>&amp;Open an existing vault</source>
        <translation>فتح خزنة موجودة</translation>
    </message>
    <message>
        <source>Welcome to Sanad</source>
        <translation>مرحبًا بك في سند</translation>
    </message>
    <message>
        <source>Sanad keeps your cases, statements and evidence in an encrypted vault: a folder that nobody can read without a passphrase.</source>
        <translation>يحفظ سند قضاياك وإفاداتك وأدلتك في خزنة مشفّرة: مجلد لا يستطيع أحد قراءته دون عبارة المرور.</translation>
    </message>
    <message>
        <source>Open a vault</source>
        <translation>فتح خزنة</translation>
    </message>
    <message>
        <source>This folder holds no Sanad vault. Choose the folder that holds the file vault.json.</source>
        <translation>لا يحوي هذا المجلد خزنة سند. اختر المجلد الذي فيه الملف vault.json.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>تصفّح…</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>رجوع</translation>
    </message>
    <message>
        <source>C&amp;reate</source>
        <translation>إنشاء</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>المجلد:</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>اسمك:</translation>
    </message>
    <message>
        <source>Your &amp;role:</source>
        <translation>دورك:</translation>
    </message>
    <message>
        <source>Create a new vault</source>
        <translation>إنشاء خزنة جديدة</translation>
    </message>
    <message>
        <source>You will be the vault&apos;s first user and its administrator. Choose a passphrase of several words that nobody could guess.</source>
        <translation>ستكون أول مستخدم للخزنة ومديرها. اختر عبارة مرور من عدة كلمات لا يمكن لأحد تخمينها.</translation>
    </message>
    <message>
        <source>Folder for the new vault</source>
        <translation>مجلد الخزنة الجديدة</translation>
    </message>
    <message>
        <source>Choose a folder for the vault.</source>
        <translation>اختر مجلدًا للخزنة.</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>أدخل اسمك.</translation>
    </message>
    <message>
        <source>I have written it down and will keep it somewhere safe</source>
        <translation>دوّنته وسأحفظه في مكان آمن</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>إنهاء</translation>
    </message>
    <message>
        <source>Type the code&apos;s &amp;last group:</source>
        <translation>اكتب المجموعة الأخيرة من الرمز:</translation>
    </message>
    <message>
        <source>Your recovery code</source>
        <translation>رمز الاستعادة الخاص بك</translation>
    </message>
    <message>
        <source>Write this code on paper now. If a passphrase is forgotten, it is the only way back into the vault, and Sanad will not show it again. Keep it away from this computer.</source>
        <translation>اكتب هذا الرمز على ورقة الآن. إذا نُسيت عبارة المرور فهو السبيل الوحيد للعودة إلى الخزنة، ولن يعرضه سند مرة أخرى. احفظه بعيدًا عن هذا الحاسوب.</translation>
    </message>
</context>
</TS>
