import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'ar' | 'en';

const TEXTS = {
  appName: { ar: 'منصة الإعلام البلدي', en: 'Municipal media hub' },
  skip: { ar: 'تخطَّ إلى المحتوى', en: 'Skip to content' },
  navCalendar: { ar: 'الروزنامة الموحدة', en: 'Unified calendar' },
  navInitiatives: { ar: 'المبادرات', en: 'Initiatives' },
  navDashboard: { ar: 'لوحة القطاع', en: 'Sector dashboard' },
  navReview: { ar: 'قائمة المراجعة', en: 'Review queue' },
  navLive: { ar: 'مباشر', en: 'Live' },
  switchLang: { ar: 'English', en: 'العربية' },
  signIn: { ar: 'تسجيل الدخول', en: 'Sign in' },
  signOut: { ar: 'تسجيل الخروج', en: 'Sign out' },
  signInTitle: { ar: 'الدخول إلى المنصة', en: 'Sign in to the hub' },
  signInDev: { ar: 'بيئة تطوير: اختر الجهة والدور (رموز العرض التجريبي).', en: 'Development: choose the node and the role (the demo’s tokens).' },
  signInOidc: { ar: 'الدخول عبر مزوّد الهوية', en: 'Sign in with your identity provider' },
  signInNone: {
    ar: 'لم يُضبط مزوّد الهوية لهذه الجهة (MMHUB_CONSOLE_OIDC_ISSUER).',
    en: 'No identity provider is configured for this node (MMHUB_CONSOLE_OIDC_ISSUER).',
  },
  nodeLabel: { ar: 'الجهة', en: 'Node' },
  roleLabel: { ar: 'الدور', en: 'Role' },
  thisNode: { ar: 'هذه الجهة', en: 'this node' },
  openConsole: { ar: 'افتح واجهتها', en: 'open its console' },
  signedInAs: { ar: 'الدخول بصفة', en: 'Signed in as' },
  loading: { ar: 'جارٍ التحميل…', en: 'Loading…' },
  unreachable: { ar: 'الجهة لا تستجيب: تعذّر الوصول إلى البوابة.', en: 'The node is not answering: its gateway cannot be reached.' },
  serviceDown: { ar: 'خدمة لا تستجيب؛ بعض البيانات غير متاحة.', en: 'A service is not answering; some data is missing.' },
  retry: { ar: 'إعادة المحاولة', en: 'Try again' },
  sessionEnded: {
    ar: 'انتهت جلستك أو لم يعد رمز دخولك مقبولاً: سجّل الدخول مرة أخرى.',
    en: 'Your session has ended or your token is no longer accepted: sign in again.',
  },
  blockedByCharter: {
    ar: 'لا تُعتمد رسالة تخالف قاعدة ملزمة في الميثاق: اطلب تعديلها.',
    en: 'A message that breaks a blocking charter rule is not approved: request changes.',
  },
  decidedByOthers: {
    ar: 'يقرر في هذه الرسالة مراجِع الجهة المالكة لها، أو مراجِع الوزارة إن كانت لحملة وطنية؛ ولا يعتمد كاتبها ما كتب.',
    en: 'A reviewer of the node that owns this message decides on it, or the ministry’s for a national campaign; its author does not approve it.',
  },
  viewFailed: { ar: 'تعذّر عرض هذه الصفحة بهذا العنوان.', en: 'This page cannot be shown at this address.' },
  backToCalendar: { ar: 'العودة إلى الروزنامة', en: 'Back to the calendar' },
  hijri: { ar: 'هجري', en: 'Hijri' },
  gregorian: { ar: 'ميلادي', en: 'Gregorian' },
  month: { ar: 'شهر', en: 'Month' },
  week: { ar: 'أسبوع', en: 'Week' },
  agenda: { ar: 'جدول الأعمال', en: 'Agenda' },
  previous: { ar: 'السابق', en: 'Previous' },
  next: { ar: 'التالي', en: 'Next' },
  today: { ar: 'اليوم', en: 'Today' },
  all: { ar: 'الكل', en: 'All' },
  axis: { ar: 'المحور', en: 'Axis' },
  channel: { ar: 'القناة', en: 'Channel' },
  audience: { ar: 'الجمهور', en: 'Audience' },
  status: { ar: 'الحالة', en: 'Status' },
  national: { ar: 'وطني', en: 'National' },
  local: { ar: 'محلي', en: 'Local' },
  scope: { ar: 'وطني أو محلي', en: 'National or local' },
  occasion: { ar: 'مناسبة وطنية', en: 'National occasion' },
  clash: { ar: 'تعارض', en: 'Clash' },
  clashes: { ar: 'التعارضات', en: 'Clashes' },
  icsLink: { ar: 'رابط الاشتراك (ICS) لهذا العرض', en: 'Subscription link (ICS) of this view' },
  icsNote: {
    ar: 'رابط لتطبيق التقويم برمز اشتراك خاص بك، للقراءة فقط؛ يُبطل إصدارُه الرابطَ السابق.',
    en: 'A link for your calendar app with a read-only subscription token of your own; issuing it ends the previous one.',
  },
  icsIssue: { ar: 'إصدار رابط اشتراكي', en: 'Issue my subscription link' },
  icsSubscription: { ar: 'رابط اشتراكك (لا تشاركه)', en: 'Your subscription link (do not share it)' },
  icsItem: { ar: 'تنزيل ملف ICS', en: 'Download the ICS file' },
  icsFailed: { ar: 'تعذّر تنزيل الملف.', en: 'The file could not be downloaded.' },
  close: { ar: 'إغلاق', en: 'Close' },
  from: { ar: 'من', en: 'From' },
  to: { ar: 'إلى', en: 'To' },
  channels: { ar: 'القنوات', en: 'Channels' },
  audiences: { ar: 'الجماهير', en: 'Audiences' },
  nothing: { ar: 'لا شيء هنا.', en: 'Nothing here.' },
  weekdays: { ar: 'الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت', en: 'Sun Mon Tue Wed Thu Fri Sat' },
  search: { ar: 'بحث', en: 'Search' },
  searchHint: { ar: 'ابحث بالعنوان أو الرمز (يطابق اختلاف الإملاء)', en: 'Search titles and codes (Arabic spelling variants match)' },
  code: { ar: 'الرمز', en: 'Code' },
  title: { ar: 'العنوان', en: 'Title' },
  progress: { ar: 'الإنجاز', en: 'Progress' },
  expected: { ar: 'المتوقع', en: 'Expected' },
  actual: { ar: 'الفعلي', en: 'Actual' },
  rag: { ar: 'التقييم', en: 'RAG' },
  late: { ar: 'التأخر', en: 'Late' },
  results: { ar: 'نتيجة', en: 'results' },
  more: { ar: 'الصفحة التالية', en: 'Next page' },
  first: { ar: 'الصفحة الأولى', en: 'First page' },
  planned: { ar: 'المدة المخططة', en: 'Planned period' },
  reports: { ar: 'تقارير الإنجاز', en: 'Progress reports' },
  assessments: { ar: 'تقييمات التكامل', en: 'Integration assessments' },
  campaigns: { ar: 'الحملات', en: 'Campaigns' },
  messages: { ar: 'الرسائل', en: 'Messages' },
  targets: { ar: 'المستهدفات', en: 'Targets' },
  score: { ar: 'الدرجة', en: 'Score' },
  freshness: { ar: 'حداثة بيانات الجهات', en: 'Freshness per node' },
  lastEvent: { ar: 'آخر حدث', en: 'Last event' },
  lag: { ar: 'التأخير (ث)', en: 'Lag (s)' },
  eventsApplied: { ar: 'الأحداث المطبّقة', en: 'Events applied' },
  ragByAxis: { ar: 'تقييم المبادرات حسب المحور', en: 'RAG per axis' },
  ragByNode: { ar: 'الإنجاز والتأخر حسب الجهة', en: 'Progress and lateness per node' },
  ranking: { ar: 'ترتيب التكامل', en: 'Integration ranking' },
  onTrack: { ar: 'على المسار', en: 'On track' },
  atRisk: { ar: 'معرّض للخطر', en: 'At risk' },
  offTrack: { ar: 'خارج المسار', en: 'Off track' },
  notRated: { ar: 'غير مقيّم', en: 'Not rated' },
  averageProgress: { ar: 'متوسط الإنجاز %', en: 'Average progress %' },
  lateCount: { ar: 'متأخرة', en: 'Late' },
  queueEmpty: { ar: 'لا توجد رسائل بانتظار المراجعة.', en: 'No message is waiting for review.' },
  inReview: { ar: 'رسائل بانتظار المراجعة', en: 'Messages in review' },
  approve: { ar: 'اعتماد', en: 'Approve' },
  requestChanges: { ar: 'طلب تعديلات', en: 'Request changes' },
  reason: { ar: 'السبب', en: 'Reason' },
  reasonRequired: { ar: 'اكتب سبب طلب التعديلات.', en: 'Write why changes are needed.' },
  length: { ar: 'الطول', en: 'Length' },
  hashtags: { ar: 'الوسوم', en: 'Hashtags' },
  media: { ar: 'الوسائط', en: 'Media' },
  violations: { ar: 'مخالفات الميثاق', en: 'Charter violations' },
  blocking: { ar: 'مانعة', en: 'Blocking' },
  advisory: { ar: 'تنبيه', en: 'Advisory' },
  authors: { ar: 'المؤلفون', en: 'Authors' },
  decided: { ar: 'تم تسجيل القرار.', en: 'The decision is recorded.' },
  earlierReviews: { ar: 'المراجعات السابقة', en: 'Earlier reviews' },
  ofVersion: { ar: 'على الإصدار', en: 'on version' },
  reviewPending: { ar: 'لم يصل القرار إلى الجهة المالكة بعد.', en: 'The decision has not reached the owner yet.' },
  reviewNotApplied: {
    ar: 'لم يُطبَّق: كانت الرسالة قد تغيّرت عند الجهة المالكة قبل وصول القرار.',
    en: 'Not applied: the message had changed at its owner before the decision arrived.',
  },
  liveTitle: { ar: 'ما يحدث الآن', en: 'What is happening now' },
  liveWaiting: { ar: 'بانتظار الأحداث… تظهر التغييرات هنا فور وقوعها.', en: 'Waiting for events… changes appear here as they happen.' },
  liveConnected: { ar: 'متصل', en: 'Connected' },
  initiative: { ar: 'مبادرة', en: 'Initiative' },
  campaign: { ar: 'حملة', en: 'Campaign' },
  message: { ar: 'رسالة', en: 'Message' },
  notFound: { ar: 'غير موجود.', en: 'Not found.' },
  entry: { ar: 'موعد', en: 'Entry' },
} as const;

export type TextKey = keyof typeof TEXTS;

const ENUMS: Record<string, { ar: string; en: string }> = {
  // where a media message came from, named on its review card when it has no campaign or initiative
  AUTHORED: { ar: 'رسالة محررة', en: 'Written message' },
  KEY_MESSAGE: { ar: 'من رسالة رئيسية', en: 'From a key message' },
  PRESS_RELEASE: { ar: 'بيان صحفي', en: 'Press release' },
  FACT_SHEET: { ar: 'صحيفة حقائق', en: 'Fact sheet' },
  HEALTH_AWARENESS: { ar: 'التوعية الصحية', en: 'Health awareness' },
  E_SERVICES: { ar: 'الخدمات الإلكترونية', en: 'E-services' },
  INTERACTIVE_SERVICES: { ar: 'الخدمات التفاعلية', en: 'Interactive services' },
  INFRASTRUCTURE: { ar: 'البنية التحتية', en: 'Infrastructure' },
  OVERSIGHT: { ar: 'الرقابة', en: 'Oversight' },
  PROCEDURE_IMPROVEMENT: { ar: 'تحسين الإجراءات', en: 'Procedure improvement' },
  PROPOSED: { ar: 'مقترحة', en: 'Proposed' },
  APPROVED: { ar: 'معتمدة', en: 'Approved' },
  IN_PROGRESS: { ar: 'قيد التنفيذ', en: 'In progress' },
  COMPLETED: { ar: 'مكتملة', en: 'Completed' },
  SUSPENDED: { ar: 'معلّقة', en: 'Suspended' },
  CANCELLED: { ar: 'ملغاة', en: 'Cancelled' },
  DRAFT: { ar: 'مسودة', en: 'Draft' },
  SCHEDULED: { ar: 'مجدولة', en: 'Scheduled' },
  LIVE: { ar: 'جارية', en: 'Live' },
  DONE: { ar: 'منتهية', en: 'Done' },
  IN_REVIEW: { ar: 'قيد المراجعة', en: 'In review' },
  CHANGES_REQUESTED: { ar: 'مطلوب تعديلها', en: 'Changes requested' },
  PUBLISHED: { ar: 'منشورة', en: 'Published' },
  ARCHIVED: { ar: 'مؤرشفة', en: 'Archived' },
  ON_TRACK: { ar: 'على المسار', en: 'On track' },
  AT_RISK: { ar: 'معرّض للخطر', en: 'At risk' },
  OFF_TRACK: { ar: 'خارج المسار', en: 'Off track' },
  STALE: { ar: 'متقادمة', en: 'Stale' },
  SILENT: { ar: 'صامتة', en: 'Silent' },
  CONFIRMED: { ar: 'مؤكد', en: 'Confirmed' },
  X: { ar: 'إكس', en: 'X' },
  INSTAGRAM: { ar: 'إنستغرام', en: 'Instagram' },
  SNAPCHAT: { ar: 'سناب شات', en: 'Snapchat' },
  TIKTOK: { ar: 'تيك توك', en: 'TikTok' },
  YOUTUBE: { ar: 'يوتيوب', en: 'YouTube' },
  WEBSITE: { ar: 'الموقع الإلكتروني', en: 'Website' },
  PRESS: { ar: 'الصحافة', en: 'Press' },
  SMS: { ar: 'رسائل نصية', en: 'SMS' },
  OUTDOOR: { ar: 'لوحات خارجية', en: 'Outdoor' },
  RESIDENTS: { ar: 'السكان', en: 'Residents' },
  FAMILIES: { ar: 'الأسر', en: 'Families' },
  BUSINESSES: { ar: 'قطاع الأعمال', en: 'Businesses' },
  VISITORS: { ar: 'الزوار', en: 'Visitors' },
  YOUTH: { ar: 'الشباب', en: 'Youth' },
  CONTRACTORS: { ar: 'المقاولون', en: 'Contractors' },
  CAMPAIGN_LAUNCH: { ar: 'إطلاق حملة', en: 'Campaign launch' },
  EVENT: { ar: 'فعالية', en: 'Event' },
  OCCASION: { ar: 'مناسبة', en: 'Occasion' },
  MILESTONE: { ar: 'مرحلة', en: 'Milestone' },
  PRESS_CONFERENCE: { ar: 'مؤتمر صحفي', en: 'Press conference' },
  ministry: { ar: 'الوزارة', en: 'Ministry' },
  riyadh: { ar: 'أمانة الرياض', en: 'Riyadh' },
  jeddah: { ar: 'أمانة جدة', en: 'Jeddah' },
  viewer: { ar: 'مطّلع', en: 'Viewer' },
  editor: { ar: 'محرر', en: 'Editor' },
  reviewer: { ar: 'مراجع', en: 'Reviewer' },
  admin: { ar: 'مسؤول', en: 'Admin' },
  analyst: { ar: 'محلل', en: 'Analyst' },
  APPROVE: { ar: 'اعتماد', en: 'Approved' },
  REQUEST_CHANGES: { ar: 'طلب تعديلات', en: 'Changes requested' },
};

export const AXES = ['HEALTH_AWARENESS', 'E_SERVICES', 'INTERACTIVE_SERVICES', 'INFRASTRUCTURE', 'OVERSIGHT', 'PROCEDURE_IMPROVEMENT'] as const;
export const CHANNELS = ['X', 'INSTAGRAM', 'SNAPCHAT', 'TIKTOK', 'YOUTUBE', 'WEBSITE', 'PRESS', 'SMS', 'OUTDOOR'] as const;
export const AUDIENCES = ['RESIDENTS', 'FAMILIES', 'BUSINESSES', 'VISITORS', 'YOUTH', 'CONTRACTORS'] as const;
export const STATUSES = ['PROPOSED', 'APPROVED', 'IN_PROGRESS', 'COMPLETED', 'SUSPENDED', 'CANCELLED'] as const;
export const RAGS = ['ON_TRACK', 'AT_RISK', 'OFF_TRACK'] as const;

interface I18n {
  lang: Lang;
  dir: 'rtl' | 'ltr';
  t(key: TextKey): string;
  /** An enum value or code in the user's language (a node by the name the API gives it), itself when unknown. */
  e(value: string | null | undefined): string;
  /** The sector's nodes as the API names them, for e(). */
  knowNodes(nodes: readonly { code: string; nameAr: string; nameEn: string }[]): void;
  /** The Arabic or English of a pair; the Arabic when the English is missing. */
  pick(ar: string | null | undefined, en: string | null | undefined): string;
  setLang(lang: Lang): void;
}

const Context = createContext<I18n | null>(null);
const STORED = 'mmhub.lang';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem(STORED) === 'en' ? 'en' : 'ar'));
  // every municipality by its name, not only those the console knows by heart
  const [nodeNames, setNodeNames] = useState<ReadonlyMap<string, { ar: string; en: string }>>(new Map());
  // stable: a view that hands the names over on every answer must not be handed a new function each time
  const knowNodes = useCallback<I18n['knowNodes']>((nodes) => setNodeNames(new Map(nodes.map((n) => [n.code, { ar: n.nameAr, en: n.nameEn }]))), []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
    document.title = TEXTS.appName[lang];
    localStorage.setItem(STORED, lang);
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      dir: lang === 'ar' ? 'rtl' : 'ltr',
      t: (key) => TEXTS[key][lang],
      e: (v) => (v ? (nodeNames.get(v)?.[lang] ?? ENUMS[v]?.[lang] ?? v) : ''),
      knowNodes,
      pick: (ar, en) => (lang === 'en' && en ? en : (ar ?? en ?? '')),
      setLang,
    }),
    [lang, nodeNames],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const c = useContext(Context);
  if (!c) throw new Error('useI18n outside I18nProvider');
  return c;
}
