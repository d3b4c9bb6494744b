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
        <source>User {name}</source>
        <translation>المستخدم {name}</translation>
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
        <source>Enter the new user's name.</source>
        <translation>أدخل اسم المستخدم الجديد.</translation>
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
            <numerusform>لا قضايا</numerusform><numerusform>قضية واحدة</numerusform><numerusform>قضيتان</numerusform><numerusform>%n قضايا</numerusform><numerusform>%n قضية</numerusform><numerusform>%n قضية</numerusform></translation>
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
        <source>Size</source>
        <translation>الحجم</translation>
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
</context>
<context>
    <name>EvidenceTab</name>
    <message>
        <source>No evidence in this case yet.</source>
        <translation>لا أدلة في هذه القضية بعد.</translation>
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
            <numerusform>نسخ؛ تُمحى الحافظة بعد %n ثانية</numerusform><numerusform>نسخ؛ تُمحى الحافظة بعد ثانية واحدة</numerusform><numerusform>نسخ؛ تُمحى الحافظة بعد ثانيتين</numerusform><numerusform>نسخ؛ تُمحى الحافظة بعد %n ثوانٍ</numerusform><numerusform>نسخ؛ تُمحى الحافظة بعد %n ثانية</numerusform><numerusform>نسخ؛ تُمحى الحافظة بعد %n ثانية</numerusform></translation>
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
        <source>Add a person to the case first: a statement is someone's.</source>
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
            <numerusform>(%n مسحوبة)</numerusform><numerusform>(واحدة مسحوبة)</numerusform><numerusform>(اثنتان مسحوبتان)</numerusform><numerusform>(%n مسحوبة)</numerusform><numerusform>(%n مسحوبة)</numerusform><numerusform>(%n مسحوبة)</numerusform></translation>
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
        <translation>مصدر</translation>
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
    <name>RecoveryDialog</name>
    <message>
        <source>Recover access</source>
        <translation>استعادة الوصول</translation>
    </message>
    <message>
        <source>Type the recovery code written down when the vault was created, your user name and a new passphrase. You get a new signing key too; the vault's history records the recovery, and supervisors see it.</source>
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
    <name>RestoreDraftsDialog</name>
    <message>
        <source>Unsaved work</source>
        <translation>عمل غير محفوظ</translation>
    </message>
    <message numerus="yes">
        <source>When Sanad locked, %n editor(s) had unsaved changes. They were kept, encrypted, in the vault. Open them again?</source>
        <translation>
            <numerusform>عندما قُفل سند، كانت في %n محرر تغييرات غير محفوظة. حُفظت مشفّرة في الخزنة. هل تفتحها مجددًا؟</numerusform><numerusform>عندما قُفل سند، كانت في محرر واحد تغييرات غير محفوظة. حُفظت مشفّرة في الخزنة. هل تفتحها مجددًا؟</numerusform><numerusform>عندما قُفل سند، كانت في محررَين تغييرات غير محفوظة. حُفظت مشفّرة في الخزنة. هل تفتحها مجددًا؟</numerusform><numerusform>عندما قُفل سند، كانت في %n محررات تغييرات غير محفوظة. حُفظت مشفّرة في الخزنة. هل تفتحها مجددًا؟</numerusform><numerusform>عندما قُفل سند، كانت في %n محررًا تغييرات غير محفوظة. حُفظت مشفّرة في الخزنة. هل تفتحها مجددًا؟</numerusform><numerusform>عندما قُفل سند، كانت في %n محرر تغييرات غير محفوظة. حُفظت مشفّرة في الخزنة. هل تفتحها مجددًا؟</numerusform></translation>
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
            <numerusform>اكتب %Ln أحرف على الأقل.</numerusform><numerusform>اكتب %Ln أحرف على الأقل.</numerusform><numerusform>اكتب %Ln أحرف على الأقل.</numerusform><numerusform>اكتب %Ln أحرف على الأقل.</numerusform><numerusform>اكتب %Ln أحرف على الأقل.</numerusform><numerusform>اكتب %Ln أحرف على الأقل.</numerusform></translation>
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
            <numerusform>أفضل {shown} من %Ln نتيجة.</numerusform><numerusform>أفضل {shown} من نتيجة واحدة.</numerusform><numerusform>أفضل {shown} من نتيجتين.</numerusform><numerusform>أفضل {shown} من %Ln نتائج.</numerusform><numerusform>أفضل {shown} من %Ln نتيجة.</numerusform><numerusform>أفضل {shown} من %Ln نتيجة.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es).</source>
        <translation>
            <numerusform>لا نتائج.</numerusform><numerusform>نتيجة واحدة.</numerusform><numerusform>نتيجتان.</numerusform><numerusform>%Ln نتائج.</numerusform><numerusform>%Ln نتيجة.</numerusform><numerusform>%Ln نتيجة.</numerusform></translation>
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
            <numerusform>%n دقيقة</numerusform><numerusform>دقيقة واحدة</numerusform><numerusform>دقيقتان</numerusform><numerusform>%n دقائق</numerusform><numerusform>%n دقيقة</numerusform><numerusform>%n دقيقة</numerusform></translation>
    </message>
    <message>
        <source>Lock after no activity for</source>
        <translation>اقفل بعد انقطاع النشاط لمدة</translation>
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
        <source>You will be the vault's first user and its administrator. Choose a passphrase of several words that nobody could guess.</source>
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
        <source>Type the code's &amp;last group:</source>
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