import type { Channel } from '../../services/kernel/src/domain';
import type { MessageStatus as Status } from '../../services/media/src/message/message';

// The demo's media as data: the charter's rules, key messages and each node's messages.

// the statuses as the seed writes them: the service's, as text
export type MessageStatus = `${Status}`;

interface Variant {
  channel: Channel;
  text: string;
  hashtags?: string[];
  mediaRefs?: string[];
}

/** The unified communication charter (ميثاق التواصل الموحد); `campaign` names the campaign a rule is for. */
export function charterRules(): Array<Record<string, unknown> & { campaign?: string }> {
  return [
    {
      kind: 'ARABIC_REQUIRED',
      severity: 'BLOCKING',
      noteAr: 'تُكتب كل رسالة بالعربية أولاً.',
      noteEn: 'Every message is written in Arabic first.',
    },
    {
      kind: 'BANNED_TERM',
      severity: 'BLOCKING',
      term: 'عاجل',
      noteAr: 'تُحجز كلمة «عاجل» لبلاغات الطوارئ المعتمدة.',
      noteEn: '“Urgent” is kept for approved emergency notices.',
    },
    {
      kind: 'LINK_DOMAIN_ALLOWLIST',
      severity: 'BLOCKING',
      domains: ['gov.sa'],
      noteAr: 'الروابط إلى المواقع الحكومية الرسمية فقط.',
      noteEn: 'Links go to official government sites only.',
    },
    {
      kind: 'REQUIRED_HASHTAG',
      severity: 'ADVISORY',
      channels: ['X', 'INSTAGRAM'],
      hashtag: 'بلدي',
      noteAr: 'الوسم الموحد للقطاع البلدي.',
      noteEn: 'The municipal sector’s common hashtag.',
    },
    {
      kind: 'REQUIRED_MENTION',
      severity: 'ADVISORY',
      channels: ['X'],
      mention: 'MOMRAgov',
      noteAr: 'يُذكر الحساب الرسمي للوزارة في التغريدات.',
      noteEn: 'Posts on X mention the ministry’s official account.',
    },
    {
      kind: 'MAX_LENGTH',
      severity: 'ADVISORY',
      channels: ['SMS'],
      maxLength: 2,
      noteAr: 'الرسائل النصية في جزأين على الأكثر.',
      noteEn: 'An SMS takes at most two parts.',
    },
    {
      kind: 'REQUIRED_HASHTAG',
      severity: 'BLOCKING',
      channels: ['X', 'INSTAGRAM'],
      hashtag: 'صحتك_في_رمضان',
      campaign: 'NC-RAMADAN',
      noteAr: 'وسم حملة «صحتك في رمضان» إلزامي في رسائلها.',
      noteEn: 'The hashtag of “Your health in Ramadan” is required in its messages.',
    },
  ];
}

/** The ministry's key messages (الرسائل الرئيسية): templates every municipality localises. */
export function keyMessages(): Array<Record<string, unknown> & { key: string; campaign?: string }> {
  return [
    {
      key: 'KM-BALADY',
      titleAr: 'إطلاق خدمة إلكترونية عبر منصة بلدي',
      titleEn: 'A service launched on Balady',
      templateAr:
        'أطلقت {municipality_name_ar} مبادرة «{initiative_title_ar}» ضمن التحول الرقمي للخدمات البلدية، والخدمات متاحة على مدار الساعة عبر منصة بلدي: https://balady.gov.sa',
      templateEn:
        '{municipality_name_en} launched “{initiative_title_en}” as part of the digital transformation of municipal services; the services are open around the clock on Balady: https://balady.gov.sa',
      axis: 'E_SERVICES',
      variants: [
        {
          channel: 'X',
          template: '{municipality_name_ar} تطلق مبادرة «{initiative_title_ar}»: خدماتك البلدية على مدار الساعة عبر منصة بلدي https://balady.gov.sa @MOMRAgov',
          hashtags: ['بلدي'],
        },
        {
          channel: 'WEBSITE',
          template:
            'أطلقت {municipality_name_ar} مبادرة «{initiative_title_ar}» ضمن التحول الرقمي للخدمات البلدية، ويمكن للمستفيدين إنجاز معاملاتهم على مدار الساعة عبر منصة بلدي https://balady.gov.sa دون مراجعة مقر البلدية.',
        },
      ],
    },
    {
      key: 'KM-RAMADAN',
      campaign: 'NC-RAMADAN',
      titleAr: 'الرقابة على المنشآت الغذائية في رمضان',
      titleEn: 'Food inspections in Ramadan',
      templateAr:
        'تكثّف {municipality_name_ar} جولاتها الرقابية على المنشآت الغذائية طوال شهر رمضان المبارك حفاظاً على صحة الصائمين، وتستقبل البلاغات على الرقم 940 وعبر تطبيق بلدي.',
      templateEn:
        '{municipality_name_en} steps up its inspections of food establishments throughout Ramadan; reports are welcome on 940 and in the Balady app.',
      axis: 'HEALTH_AWARENESS',
      variants: [
        {
          channel: 'X',
          template: 'تكثّف {municipality_name_ar} جولاتها الرقابية على المنشآت الغذائية طوال شهر رمضان حفاظاً على صحة الصائمين. بلاغاتكم على 940 @MOMRAgov',
          hashtags: ['صحتك_في_رمضان', 'بلدي'],
        },
        {
          channel: 'INSTAGRAM',
          template: 'صحتك في رمضان أولويتنا: جولات رقابية يومية على المطاعم ومحلات الأغذية في {municipality_name_ar}.',
          hashtags: ['صحتك_في_رمضان', 'بلدي'],
        },
        { channel: 'SMS', template: '{municipality_name_ar}: نكثف الرقابة على المنشآت الغذائية في رمضان. بلاغاتكم على 940.' },
      ],
    },
    {
      key: 'KM-NATIONAL-DAY',
      titleAr: 'تهنئة اليوم الوطني',
      titleEn: 'National Day greetings',
      templateAr: 'تحتفي {municipality_name_ar} باليوم الوطني بفعاليات في الحدائق والساحات العامة ابتداءً من {date_hijri} الموافق {date_gregorian}.',
      templateEn: '{municipality_name_en} celebrates National Day with events in parks and squares from {date_gregorian_en}.',
      axis: 'INTERACTIVE_SERVICES',
      variants: [
        {
          channel: 'X',
          template: 'تحتفي {municipality_name_ar} باليوم الوطني بفعاليات في الحدائق والساحات العامة، ابتداءً من {date_hijri}. @MOMRAgov',
          hashtags: ['اليوم_الوطني', 'بلدي'],
        },
      ],
    },
  ];
}

/**
 * How a message comes to be: written here, localised from a key message, or generated as a press release.
 * A key message's templates carry no media: a node localising one attaches its own (`media`, by channel)
 * to the channels that do not publish text alone, as it must before the message goes to review.
 */
type Making =
  | { draft: { bodyAr: string; bodyEn?: string; variants: Variant[] } }
  | { localise: string; initiative?: string; media?: Partial<Record<Channel, string[]>> }
  | { pressRelease: string };

export interface MessageSeed {
  key: string;
  make: Making;
  campaign?: string;
  initiative?: string;
  status: MessageStatus;
  /** A review by the ministry, at the hub: the message belongs to a national campaign. */
  reviewedByMinistry?: boolean;
  comment?: string;
  publishInDays?: number;
  archiveReason?: string;
}

/** Each node's messages, in every state of the workflow. */
export function messagesOf(node: string): MessageSeed[] {
  switch (node) {
    case 'ministry':
      return [
        {
          key: 'MM-RAMADAN',
          campaign: 'NC-RAMADAN',
          status: 'SCHEDULED',
          publishInDays: 2,
          make: {
            draft: {
              bodyAr:
                'تطلق وزارة الشؤون البلدية والقروية بالتعاون مع أمانات المناطق والمحافظات حملة «صحتك في رمضان» للتوعية بسلامة الغذاء وتكثيف الرقابة على المنشآت الغذائية طوال الشهر الفضيل.',
              bodyEn:
                'The ministry and the municipalities launch “Your health in Ramadan”: food-safety awareness and more inspections throughout the holy month.',
              variants: [
                {
                  channel: 'X',
                  text: 'نطلق مع أمانات المناطق والمحافظات حملة #صحتك_في_رمضان للتوعية بسلامة الغذاء طوال الشهر الفضيل. @MOMRAgov',
                  hashtags: ['بلدي'],
                },
                {
                  channel: 'INSTAGRAM',
                  text: 'حملة صحتك في رمضان: نصائح يومية لسلامة غذائك وغذاء أسرتك طوال الشهر الفضيل.',
                  hashtags: ['صحتك_في_رمضان', 'بلدي'],
                  mediaRefs: ['media/ministry/ramadan-poster.jpg'],
                },
                { channel: 'OUTDOOR', text: 'صحتك في رمضان: غذاء آمن لأسرتك', mediaRefs: ['media/ministry/ramadan-billboard.jpg'] },
              ],
            },
          },
        },
        {
          key: 'MM-BALADY',
          campaign: 'NC-BALADY',
          status: 'PUBLISHED',
          make: {
            draft: {
              bodyAr: 'أكثر من 200 خدمة بلدية متاحة إلكترونياً عبر منصة بلدي، من رخص البناء والرخص التجارية إلى الشهادات الصحية وسداد الرسوم.',
              bodyEn: 'More than 200 municipal services are online on Balady, from building and business licences to health certificates and fees.',
              variants: [
                {
                  channel: 'X',
                  text: 'أكثر من 200 خدمة بلدية بين يديك عبر منصة بلدي، من رخص البناء إلى الشهادات الصحية: https://balady.gov.sa @MOMRAgov',
                  hashtags: ['بلدي'],
                },
                {
                  channel: 'WEBSITE',
                  text: 'تدعو وزارة الشؤون البلدية والقروية المستفيدين إلى إنجاز معاملاتهم البلدية إلكترونياً عبر منصة بلدي https://balady.gov.sa التي تضم أكثر من 200 خدمة، من رخص البناء والرخص التجارية إلى الشهادات الصحية وسداد الرسوم.',
                },
              ],
            },
          },
        },
        {
          key: 'MM-NATIONAL-DAY',
          campaign: 'NC-NATIONAL-DAY',
          status: 'IN_REVIEW',
          make: {
            draft: {
              bodyAr: 'تحتفي أمانات المناطق والمحافظات باليوم الوطني بفعاليات في الحدائق والساحات العامة في مختلف مدن المملكة.',
              variants: [
                {
                  channel: 'X',
                  text: 'نحتفي مع أمانات المناطق والمحافظات باليوم الوطني بفعاليات في الحدائق والساحات العامة في مختلف مدن المملكة. @MOMRAgov',
                  hashtags: ['اليوم_الوطني', 'بلدي'],
                },
              ],
            },
          },
        },
        {
          key: 'MM-FOOD',
          campaign: 'NC-FOOD',
          status: 'DRAFT',
          make: {
            draft: {
              bodyAr: 'سلامة الغذاء مسؤوليتنا جميعاً: على أصحاب المنشآت الغذائية التأكد من سريان الشهادات الصحية للعاملين.',
              variants: [{ channel: 'X', text: 'سلامة الغذاء مسؤوليتنا جميعاً: تأكد من سريان الشهادات الصحية للعاملين في منشأتك.' }],
            },
          },
        },
        {
          key: 'MM-VISUAL',
          campaign: 'NC-VISUAL',
          status: 'ARCHIVED',
          archiveReason: 'انتهت الحملة.',
          make: {
            draft: {
              bodyAr: 'شاركنا في جعل مدينتك أجمل: بلّغ عن مظاهر التشوه البصري في حيّك عبر تطبيق بلدي أو الرقم 940.',
              variants: [
                { channel: 'X', text: 'مدينتي أجمل: بلّغ عن التشوه البصري في حيّك عبر تطبيق بلدي أو الرقم 940. @MOMRAgov', hashtags: ['بلدي'] },
                { channel: 'OUTDOOR', text: 'مدينتي أجمل بكم: بلّغوا عن التشوه البصري على 940', mediaRefs: ['media/ministry/visual-billboard.jpg'] },
              ],
            },
          },
        },
        {
          key: 'MM-MEETING',
          status: 'CHANGES_REQUESTED',
          comment: 'يُرجى ذكر موعد اللقاء بالتاريخين الهجري والميلادي وأسماء الأمانات المشاركة.',
          make: {
            draft: {
              bodyAr:
                'تعقد الوزارة اللقاء الدوري التاسع لمديري العلاقات العامة والإعلام بأمانات المناطق والمحافظات لمناقشة الروزنامة التسويقية والإعلامية الموحدة وتوحيد مضامين الرسائل الإعلامية.',
              variants: [
                {
                  channel: 'PRESS',
                  text: 'تعقد وزارة الشؤون البلدية والقروية اللقاء الدوري التاسع لمديري العلاقات العامة والإعلام بأمانات المناطق والمحافظات، لمناقشة تطوير الروزنامة التسويقية والإعلامية الموحدة للقطاع البلدي، وتوحيد مضامين الرسائل الإعلامية، ومتابعة تنفيذ المبادرات.',
                },
              ],
            },
          },
        },
      ];
    case 'riyadh':
      return [
        {
          key: 'RM-LICENCE',
          campaign: 'RC-LICENCE',
          initiative: 'RUH-01',
          status: 'PUBLISHED',
          make: {
            draft: {
              bodyAr: 'رخصتك في يومك: أصدر رخصة نشاطك التجاري منخفض المخاطر عبر منصة بلدي دون مراجعة البلدية.',
              variants: [
                {
                  channel: 'X',
                  text: 'رخصتك في يومك: أصدر رخصة نشاطك التجاري منخفض المخاطر عبر منصة بلدي دون مراجعة البلدية https://balady.gov.sa',
                  hashtags: ['بلدي'],
                },
                { channel: 'SMS', text: 'أمانة الرياض: أصدر رخصتك التجارية في يومك عبر منصة بلدي.' },
              ],
            },
          },
        },
        {
          key: 'RM-WALK-DRAFT',
          campaign: 'RC-WALK',
          initiative: 'RUH-03',
          status: 'CHANGES_REQUESTED',
          comment: 'يُرجى ذكر مواقع المسارات وأوقات الإضاءة، وإضافة الوسم الموحد.',
          make: {
            draft: {
              bodyAr: 'امشِ الرياض: مسارات جديدة للمشي في أحياء شمال الرياض بانتظاركم.',
              variants: [{ channel: 'X', text: 'امشِ الرياض: مسارات جديدة للمشي في أحياء شمال الرياض بانتظاركم' }],
            },
          },
        },
        {
          key: 'RM-SCHOOLS',
          campaign: 'RC-SCHOOLS',
          status: 'IN_REVIEW',
          make: {
            draft: {
              bodyAr: 'غذاء صحي لأطفالنا: نصائح للأسر لاختيار وجبات مدرسية صحية وآمنة.',
              variants: [
                {
                  channel: 'INSTAGRAM',
                  text: 'غذاء صحي لأطفالنا: نصائح للأسر لاختيار وجبات مدرسية صحية وآمنة.',
                  hashtags: ['بلدي'],
                  mediaRefs: ['media/riyadh/schools-01.jpg'],
                },
                { channel: 'SNAPCHAT', text: 'وجبة مدرسية صحية تعني يوماً دراسياً أنشط', mediaRefs: ['media/riyadh/schools-snap.mp4'] },
              ],
            },
          },
        },
        {
          key: 'RM-WALK-LAUNCH',
          campaign: 'RC-WALK',
          initiative: 'RUH-03',
          status: 'SCHEDULED',
          publishInDays: 14,
          make: {
            draft: {
              bodyAr: 'تنطلق حملة «امشِ الرياض» من منتزه الملك عبدالله بالملز، وتدعو الأمانة السكان إلى المشاركة.',
              variants: [
                { channel: 'X', text: 'تنطلق حملة امشِ الرياض من منتزه الملك عبدالله بالملز. شاركونا المشي من أجل صحتكم @MOMRAgov', hashtags: ['بلدي'] },
              ],
            },
          },
        },
        {
          key: 'RM-BEAUTY',
          campaign: 'RC-BEAUTY',
          initiative: 'RUH-04',
          status: 'ARCHIVED',
          archiveReason: 'انتهت الحملة.',
          make: {
            draft: {
              bodyAr: 'الرياض أجمل: معالجة أكثر من 2500 واجهة ولوحة تجارية في الشوارع التجارية.',
              variants: [{ channel: 'X', text: 'الرياض أجمل: عولجت أكثر من 2500 واجهة ولوحة تجارية في الشوارع التجارية الرئيسة.', hashtags: ['بلدي'] }],
            },
          },
        },
        {
          key: 'RM-940',
          initiative: 'RUH-09',
          status: 'APPROVED',
          make: {
            draft: {
              bodyAr: 'بلاغك يصلنا ونعالجه خلال 48 ساعة: اتصل على 940 أو بلّغ عبر تطبيق بلدي.',
              variants: [{ channel: 'X', text: 'بلاغك يصلنا ونعالجه خلال 48 ساعة: اتصل على 940 أو بلّغ عبر تطبيق بلدي.', hashtags: ['بلدي'] }],
            },
          },
        },
        {
          key: 'RM-ROAD',
          initiative: 'RUH-05',
          status: 'DRAFT',
          make: {
            draft: {
              // breaks a blocking rule of the charter: it stays a draft until reworded
              bodyAr: 'عاجل: إغلاق جزئي لطريق الأمير محمد بن سلمان لاستكمال أعمال تصريف مياه الأمطار.',
              variants: [{ channel: 'X', text: 'عاجل: إغلاق جزئي لطريق الأمير محمد بن سلمان لاستكمال أعمال تصريف مياه الأمطار.', hashtags: ['بلدي'] }],
            },
          },
        },
        { key: 'RM-KM-BALADY', make: { localise: 'KM-BALADY', initiative: 'RUH-01' }, status: 'PUBLISHED' },
        { key: 'RM-KM-RAMADAN', make: { localise: 'KM-RAMADAN', media: { INSTAGRAM: ['media/riyadh/ramadan-inspections.jpg'] } }, status: 'DRAFT' },
        { key: 'RM-PRESS', make: { pressRelease: 'RUH-04' }, status: 'DRAFT' },
      ];
    case 'jeddah':
      return [
        {
          key: 'JM-DENGUE',
          campaign: 'JC-DENGUE',
          initiative: 'JED-01',
          status: 'PUBLISHED',
          make: {
            draft: {
              bodyAr: 'تخلّص من المياه الراكدة حول منزلك: خطوة بسيطة تحمي أسرتك من حمى الضنك.',
              variants: [
                { channel: 'X', text: 'تخلّص من المياه الراكدة حول منزلك: خطوة بسيطة تحمي أسرتك من حمى الضنك.', hashtags: ['جدة_بلا_ضنك', 'بلدي'] },
                { channel: 'SMS', text: 'أمانة جدة: تخلص من المياه الراكدة حول منزلك للوقاية من حمى الضنك. بلاغاتكم على 940.' },
              ],
            },
          },
        },
        {
          key: 'JM-RAIN',
          campaign: 'JC-RAIN',
          initiative: 'JED-02',
          status: 'IN_REVIEW',
          make: {
            draft: {
              bodyAr: 'استعداداً لموسم الأمطار: فرق الطوارئ في أمانة جدة جاهزة على مدار الساعة.',
              variants: [{ channel: 'X', text: 'استعداداً لموسم الأمطار: فرق الطوارئ جاهزة على مدار الساعة، ولبلاغاتكم 940.', hashtags: ['بلدي'] }],
            },
          },
        },
        {
          key: 'JM-CORNICHE',
          campaign: 'JC-CORNICHE',
          status: 'CHANGES_REQUESTED',
          comment: 'يُرجى إرفاق جدول الفعاليات واعتماد التصاميم من إدارة الهوية المؤسسية.',
          make: {
            draft: {
              bodyAr: 'كورنيش جدة للجميع: فعاليات يومية للأسر والزوار احتفاءً باليوم الوطني.',
              variants: [
                {
                  channel: 'INSTAGRAM',
                  text: 'كورنيش جدة للجميع: فعاليات يومية للأسر والزوار احتفاءً باليوم الوطني.',
                  hashtags: ['بلدي'],
                  mediaRefs: ['media/jeddah/corniche.jpg'],
                },
              ],
            },
          },
        },
        {
          key: 'JM-PAY-APPROVED',
          initiative: 'JED-05',
          status: 'APPROVED',
          make: {
            draft: {
              bodyAr: 'ادفع رسومك البلدية إلكترونياً عبر منصة بلدي دون مراجعة البلدية.',
              variants: [
                { channel: 'X', text: 'ادفع رسومك البلدية إلكترونياً عبر منصة بلدي دون مراجعة البلدية: https://balady.gov.sa @MOMRAgov', hashtags: ['بلدي'] },
              ],
            },
          },
        },
        {
          key: 'JM-PAY',
          campaign: 'JC-PAY',
          initiative: 'JED-05',
          status: 'ARCHIVED',
          archiveReason: 'انتهت الحملة.',
          make: {
            draft: {
              bodyAr: 'توقف التحصيل النقدي في البلديات الفرعية؛ سدّد رسومك إلكترونياً.',
              variants: [{ channel: 'SMS', text: 'أمانة جدة: توقف التحصيل النقدي في البلديات الفرعية، سدد رسومك إلكترونياً.' }],
            },
          },
        },
        {
          key: 'JM-RAIN-SMS',
          campaign: 'JC-RAIN',
          status: 'SCHEDULED',
          publishInDays: 20,
          make: {
            draft: {
              bodyAr: 'تنبيه من أمانة جدة بتوقعات هطول الأمطار وتجنب الأودية ومجاري السيول.',
              variants: [{ channel: 'SMS', text: 'أمانة جدة: توقعات بهطول أمطار؛ تجنبوا الأودية ومجاري السيول. للطوارئ 940.' }],
            },
          },
        },
        {
          key: 'JM-FESTIVAL',
          status: 'DRAFT',
          make: {
            draft: {
              // links outside the allowed domains: a blocking violation keeps it a draft
              bodyAr: 'تابعوا تغطية فعاليات الواجهة البحرية.',
              variants: [{ channel: 'X', text: 'تابعوا تغطية فعاليات الواجهة البحرية على https://bit.ly/jeddah-sea', hashtags: ['بلدي'] }],
            },
          },
        },
        // a national campaign's message: the ministry reviews it at the hub, and the decision comes back here
        {
          key: 'JM-KM-RAMADAN',
          make: { localise: 'KM-RAMADAN', media: { INSTAGRAM: ['media/jeddah/ramadan-inspections-01.jpg', 'media/jeddah/ramadan-inspections-02.jpg'] } },
          status: 'APPROVED',
          reviewedByMinistry: true,
        },
      ];
    default:
      return [];
  }
}
