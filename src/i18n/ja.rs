//! Japanese. Missing strings fall back to English (`super::text`).

pub(super) fn text(id: &str) -> Option<&'static str> {
    headline(id).or_else(|| ui(id))
    // FIXME: the `advice.*` area is still English only; translate it once it settles.
}

fn headline(id: &str) -> Option<&'static str> {
    Some(match id {
        "headline.bad_gateway" => "サイトのサーバーが正しく応答していません",
        "headline.service_unavailable" => "サイトは一時的に利用できません",
        "headline.gateway_timeout" => "サイトのサーバーの応答に時間がかかりすぎました",
        "headline.origin_error" => "CDN 経由でサイトのサーバーに到達できませんでした",
        "headline.server_error" => "サイトでエラーが発生しました",
        "headline.client_error" => "リクエストを処理できませんでした",
        "headline.ok" => "サイトは正常に応答しました",
        _ => return None,
    })
}

fn ui(id: &str) -> Option<&'static str> {
    Some(match id {
        "ui.you" => "あなた",
        "ui.gateway" => "ゲートウェイ",
        "ui.app" => "アプリ",
        "ui.diagram" => "リクエストが止まった場所",
        "ui.failed_here" => "ここで失敗",
        "ui.hop.browser" => "お使いの端末からの経路に問題があります。",
        "ui.hop.gateway" => "サイトのゲートウェイ自体が故障しています。",
        "ui.hop.upstream" => "ゲートウェイは動いていますが、その奥のアプリが正しく応答しませんでした。",
        "ui.hop.unknown" => "どの部分が故障したのかは不明です。",
        "ui.observed" => "確認できたこと",
        "ui.observed_status" => "HTTP ステータス",
        "ui.observed_gateway" => "応答元",
        "ui.observed_address" => "アドレス",
        "ui.retry_in" => "次の再試行まで",
        "ui.seconds" => "秒",
        "ui.retry_now" => "今すぐ再試行",
        "ui.try_again" => "もう一度試す",
        "ui.checking" => "サイトが復旧したか確認しています…",
        "ui.back" => "サイトが復旧しました。読み込んでいます…",
        "ui.stopped" => "自動再試行を停止しました。しばらくしてからもう一度お試しください。",
        "ui.not_resent" => "フォームは自動で再送信されていないため、同じ操作が二重に行われることはありません。準備ができたらもう一度お試しください。",
        "ui.verdict.down_for_everyone" => "あなただけでなく、全員がアクセスできない状態です。",
        "ui.verdict.just_you" => "他の人はサイトにアクセスできています。問題はあなたの側にあるかもしれません。",
        "ui.verdict.unknown" => "全員がアクセスできないのかどうかは判断できませんでした。",
        "ui.your_advice" => "あなたにできること",
        "ui.developer" => "サイトの運営チーム向け",
        "ui.contact" => "サイトの運営チームに連絡",
        "ui.status_page" => "ステータスページ",
        "ui.no_script" => "このページは 2 分ごとに自動で再読み込みされます。",
        _ => return None,
    })
}
