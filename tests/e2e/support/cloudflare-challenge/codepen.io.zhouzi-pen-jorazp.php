<?php
declare(strict_types = 1);

return [
    'headers' => [
        'date' => [
            'Mon, 10 Jun 2024 15:58:41 GMT',
            'Mon, 10 Jun 2024 15:58:42 GMT'
        ],
        'content-type' => [
            'text/html',
            'text/html; charset=UTF-8'
        ],
        'content-length' => [
            '167'
        ],
        'connection' => [
            'keep-alive'
        ],
        'cache-control' => [
            'max-age=3600',
            'private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0'
        ],
        'expires' => [
            'Mon, 10 Jun 2024 16:58:41 GMT',
            'Thu, 01 Jan 1970 00:00:01 GMT'
        ],
        'location' => [
            'https://codepen.io/Zhouzi/pen/JoRazP'
        ],
        'set-cookie' => [
            '__cf_bm=gI_Gwk_P8ZL5vo.jY8BZ1WhwGZUcv08tNXlFTF9EAl4-1718035121-1.0.1.1-GRegqZMC.WUnU8T4Yvn2AiMBel5P7o5jz4IAZCz1z2Et8ItxOlDSI2FRecsvThtPpNj8nF4bwtjUSJDGEr2gTg; path=/; expires=Mon, 10-Jun-24 16:28:41 GMT; domain=.codepen.io; HttpOnly'
        ],
        'vary' => [
            'Accept-Encoding',
            'Accept-Encoding'
        ],
        'server' => [
            'cloudflare',
            'cloudflare'
        ],
        'cf-ray' => [
            '891a90782c62f164-CDG',
            '891a9078a9911ba1-MAD'
        ],
        'alt-svc' => [
            'h3=":443"; ma=86400  HTTP/2 403',
            'h3=":443"; ma=86400'
        ],
        'accept-ch' => [
            'Sec-CH-UA-Bitness, Sec-CH-UA-Arch, Sec-CH-UA-Full-Version, Sec-CH-UA-Mobile, Sec-CH-UA-Model, Sec-CH-UA-Platform-Version, Sec-CH-UA-Full-Version-List, Sec-CH-UA-Platform, Sec-CH-UA, UA-Bitness, UA-Arch, UA-Full-Version, UA-Mobile, UA-Model, UA-Platform-Version, UA-Platform, UA'
        ],
        'critical-ch' => [
            'Sec-CH-UA-Bitness, Sec-CH-UA-Arch, Sec-CH-UA-Full-Version, Sec-CH-UA-Mobile, Sec-CH-UA-Model, Sec-CH-UA-Platform-Version, Sec-CH-UA-Full-Version-List, Sec-CH-UA-Platform, Sec-CH-UA, UA-Bitness, UA-Arch, UA-Full-Version, UA-Mobile, UA-Model, UA-Platform-Version, UA-Platform, UA'
        ],
        'cross-origin-embedder-policy' => [
            'require-corp'
        ],
        'cross-origin-opener-policy' => [
            'same-origin'
        ],
        'cross-origin-resource-policy' => [
            'same-origin'
        ],
        'origin-agent-cluster' => [
            '?1'
        ],
        'permissions-policy' => [
            'accelerometer=(),autoplay=(),browsing-topics=(),camera=(),clipboard-read=(),clipboard-write=(),geolocation=(),gyroscope=(),hid=(),interest-cohort=(),magnetometer=(),microphone=(),payment=(),publickey-credentials-get=(),screen-wake-lock=(),serial=(),sync-xhr=(),usb=()'
        ],
        'referrer-policy' => [
            'same-origin'
        ],
        'x-content-options' => [
            'nosniff'
        ],
        'x-frame-options' => [
            'SAMEORIGIN'
        ],
        'cf-mitigated' => [
            'challenge'
        ],
        'cf-chl-out' => [
            'TXwt+Z+yS1DmlEXQy1uTi0kqcbA+lfEbKomLqau05k9G/Z3LQCWKIS3h6ffEnXYuCbvH57GnIqk5hxE1GuBuQTvv+dbml8XOFI2Y9mAp0zmn9ertXyNjbK58LEcd3tgXaQNaTbRY1eCv8YyVZHfWrQ==$SER7j/ua0QBQjIw9pUbl0w=='
        ],
        'strict-transport-security' => [
            'max-age=31536000; includeSubDomains; preload'
        ],
        'content-encoding' => [
            'br'
        ],
        'Content-Location' => [
            'https://codepen.io/Zhouzi/pen/JoRazP'
        ],
        'X-Request-Time' => [
            '0.176 ms'
        ]
    ],
    'statusCode' => 403,
    'reasonPhrase' => 'Forbidden',
    'body' => '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta http-equiv="X-UA-Compatible" content="IE=Edge"><meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1"><style>*{box-sizing:border-box;margin:0;padding:0}html{line-height:1.15;-webkit-text-size-adjust:100%;color:#313131}button,html{font-family:system-ui,-apple-system,BlinkMacSystemFont,Segoe UI,Roboto,Helvetica Neue,Arial,Noto Sans,sans-serif,Apple Color Emoji,Segoe UI Emoji,Segoe UI Symbol,Noto Color Emoji}@media (prefers-color-scheme:dark){body{background-color:#222;color:#d9d9d9}body a{color:#fff}body a:hover{color:#ee730a;text-decoration:underline}body .lds-ring div{border-color:#999 transparent transparent}body .font-red{color:#b20f03}body .pow-button{background-color:#4693ff;color:#1d1d1d}body #challenge-success-text{background-image:url(data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIzMiIgaGVpZ2h0PSIzMiIgZmlsbD0ibm9uZSIgdmlld0JveD0iMCAwIDI2IDI2Ij48cGF0aCBmaWxsPSIjZDlkOWQ5IiBkPSJNMTMgMGExMyAxMyAwIDEgMCAwIDI2IDEzIDEzIDAgMCAwIDAtMjZtMCAyNGExMSAxMSAwIDEgMSAwLTIyIDExIDExIDAgMCAxIDAgMjIiLz48cGF0aCBmaWxsPSIjZDlkOWQ5IiBkPSJtMTAuOTU1IDE2LjA1NS0zLjk1LTQuMTI1LTEuNDQ1IDEuMzg1IDUuMzcgNS42MSA5LjQ5NS05LjYtMS40Mi0xLjQwNXoiLz48L3N2Zz4=)}body #challenge-error-text{background-image:url(data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIzMiIgaGVpZ2h0PSIzMiIgZmlsbD0ibm9uZSI+PHBhdGggZmlsbD0iI0IyMEYwMyIgZD0iTTE2IDNhMTMgMTMgMCAxIDAgMTMgMTNBMTMuMDE1IDEzLjAxNSAwIDAgMCAxNiAzbTAgMjRhMTEgMTEgMCAxIDEgMTEtMTEgMTEuMDEgMTEuMDEgMCAwIDEtMTEgMTEiLz48cGF0aCBmaWxsPSIjQjIwRjAzIiBkPSJNMTcuMDM4IDE4LjYxNUgxNC44N0wxNC41NjMgOS41aDIuNzgzem0tMS4wODQgMS40MjdxLjY2IDAgMS4wNTcuMzg4LjQwNy4zODkuNDA3Ljk5NCAwIC41OTYtLjQwNy45ODQtLjM5Ny4zOS0xLjA1Ny4zODktLjY1IDAtMS4wNTYtLjM4OS0uMzk4LS4zODktLjM5OC0uOTg0IDAtLjU5Ny4zOTgtLjk4NS40MDYtLjM5NyAxLjA1Ni0uMzk3Ii8+PC9zdmc+)}}body{display:flex;flex-direction:column;min-height:100vh}body.no-js .loading-spinner{visibility:hidden}body.no-js .challenge-running{display:none}body.dark{background-color:#222;color:#d9d9d9}body.dark a{color:#fff}body.dark a:hover{color:#ee730a;text-decoration:underline}body.dark .lds-ring div{border-color:#999 transparent transparent}body.dark .font-red{color:#b20f03}body.dark .pow-button{background-color:#4693ff;color:#1d1d1d}body.dark #challenge-success-text{background-image:url(data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIzMiIgaGVpZ2h0PSIzMiIgZmlsbD0ibm9uZSIgdmlld0JveD0iMCAwIDI2IDI2Ij48cGF0aCBmaWxsPSIjZDlkOWQ5IiBkPSJNMTMgMGExMyAxMyAwIDEgMCAwIDI2IDEzIDEzIDAgMCAwIDAtMjZtMCAyNGExMSAxMSAwIDEgMSAwLTIyIDExIDExIDAgMCAxIDAgMjIiLz48cGF0aCBmaWxsPSIjZDlkOWQ5IiBkPSJtMTAuOTU1IDE2LjA1NS0zLjk1LTQuMTI1LTEuNDQ1IDEuMzg1IDUuMzcgNS42MSA5LjQ5NS05LjYtMS40Mi0xLjQwNXoiLz48L3N2Zz4=)}body.dark #challenge-error-text{background-image:url(data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIzMiIgaGVpZ2h0PSIzMiIgZmlsbD0ibm9uZSI+PHBhdGggZmlsbD0iI0IyMEYwMyIgZD0iTTE2IDNhMTMgMTMgMCAxIDAgMTMgMTNBMTMuMDE1IDEzLjAxNSAwIDAgMCAxNiAzbTAgMjRhMTEgMTEgMCAxIDEgMTEtMTEgMTEuMDEgMTEuMDEgMCAwIDEtMTEgMTEiLz48cGF0aCBmaWxsPSIjQjIwRjAzIiBkPSJNMTcuMDM4IDE4LjYxNUgxNC44N0wxNC41NjMgOS41aDIuNzgzem0tMS4wODQgMS40MjdxLjY2IDAgMS4wNTcuMzg4LjQwNy4zODkuNDA3Ljk5NCAwIC41OTYtLjQwNy45ODQtLjM5Ny4zOS0xLjA1Ny4zODktLjY1IDAtMS4wNTYtLjM4OS0uMzk4LS4zODktLjM5OC0uOTg0IDAtLjU5Ny4zOTgtLjk4NS40MDYtLjM5NyAxLjA1Ni0uMzk3Ii8+PC9zdmc+)}body.light{background-color:transparent;color:#313131}body.light a{color:#0051c3}body.light a:hover{color:#ee730a;text-decoration:underline}body.light .lds-ring div{border-color:#595959 transparent transparent}body.light .font-red{color:#fc574a}body.light .pow-button{background-color:#003681;border-color:#003681;color:#fff}body.light #challenge-success-text{background-image:url(data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIzMiIgaGVpZ2h0PSIzMiIgZmlsbD0ibm9uZSIgdmlld0JveD0iMCAwIDI2IDI2Ij48cGF0aCBmaWxsPSIjMzEzMTMxIiBkPSJNMTMgMGExMyAxMyAwIDEgMCAwIDI2IDEzIDEzIDAgMCAwIDAtMjZtMCAyNGExMSAxMSAwIDEgMSAwLTIyIDExIDExIDAgMCAxIDAgMjIiLz48cGF0aCBmaWxsPSIjMzEzMTMxIiBkPSJtMTAuOTU1IDE2LjA1NS0zLjk1LTQuMTI1LTEuNDQ1IDEuMzg1IDUuMzcgNS42MSA5LjQ5NS05LjYtMS40Mi0xLjQwNXoiLz48L3N2Zz4=)}body.light #challenge-error-text{background-image:url(data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIzMiIgaGVpZ2h0PSIzMiIgZmlsbD0ibm9uZSI+PHBhdGggZmlsbD0iI2ZjNTc0YSIgZD0iTTE2IDNhMTMgMTMgMCAxIDAgMTMgMTNBMTMuMDE1IDEzLjAxNSAwIDAgMCAxNiAzbTAgMjRhMTEgMTEgMCAxIDEgMTEtMTEgMTEuMDEgMTEuMDEgMCAwIDEtMTEgMTEiLz48cGF0aCBmaWxsPSIjZmM1NzRhIiBkPSJNMTcuMDM4IDE4LjYxNUgxNC44N0wxNC41NjMgOS41aDIuNzgzem0tMS4wODQgMS40MjdxLjY2IDAgMS4wNTcuMzg4LjQwNy4zODkuNDA3Ljk5NCAwIC41OTYtLjQwNy45ODQtLjM5Ny4zOS0xLjA1Ny4zODktLjY1IDAtMS4wNTYtLjM4OS0uMzk4LS4zODktLjM5OC0uOTg0IDAtLjU5Ny4zOTgtLjk4NS40MDYtLjM5NyAxLjA1Ni0uMzk3Ii8+PC9zdmc+)}a{background-color:transparent;color:#0051c3;text-decoration:none;transition:color .15s ease}a:hover{color:#ee730a;text-decoration:underline}.main-content{margin:8rem auto;max-width:60rem;width:100%}.heading-favicon{height:2rem;margin-right:.5rem;width:2rem}@media (width <= 720px){.main-content{margin-top:4rem}.heading-favicon{height:1.5rem;width:1.5rem}}.footer,.main-content{padding-left:1.5rem;padding-right:1.5rem}.main-wrapper{align-items:center;display:flex;flex:1;flex-direction:column}.font-red{color:#b20f03}.spacer{margin:2rem 0}.h1{font-size:2.5rem;font-weight:500;line-height:3.75rem}.h2{font-weight:500}.core-msg,.h2{font-size:1.5rem;line-height:2.25rem}.body-text,.core-msg{font-weight:400}.body-text{font-size:1rem;line-height:1.25rem}@media (width <= 720px){.h1{font-size:1.5rem;line-height:1.75rem}.h2{font-size:1.25rem}.core-msg,.h2{line-height:1.5rem}.core-msg{font-size:1rem}}#challenge-error-text{background-image:url(data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIzMiIgaGVpZ2h0PSIzMiIgZmlsbD0ibm9uZSI+PHBhdGggZmlsbD0iI2ZjNTc0YSIgZD0iTTE2IDNhMTMgMTMgMCAxIDAgMTMgMTNBMTMuMDE1IDEzLjAxNSAwIDAgMCAxNiAzbTAgMjRhMTEgMTEgMCAxIDEgMTEtMTEgMTEuMDEgMTEuMDEgMCAwIDEtMTEgMTEiLz48cGF0aCBmaWxsPSIjZmM1NzRhIiBkPSJNMTcuMDM4IDE4LjYxNUgxNC44N0wxNC41NjMgOS41aDIuNzgzem0tMS4wODQgMS40MjdxLjY2IDAgMS4wNTcuMzg4LjQwNy4zODkuNDA3Ljk5NCAwIC41OTYtLjQwNy45ODQtLjM5Ny4zOS0xLjA1Ny4zODktLjY1IDAtMS4wNTYtLjM4OS0uMzk4LS4zODktLjM5OC0uOTg0IDAtLjU5Ny4zOTgtLjk4NS40MDYtLjM5NyAxLjA1Ni0uMzk3Ii8+PC9zdmc+);padding-left:34px}#challenge-error-text,#challenge-success-text{background-repeat:no-repeat;background-size:contain}#challenge-success-text{background-image:url(data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSIzMiIgaGVpZ2h0PSIzMiIgZmlsbD0ibm9uZSIgdmlld0JveD0iMCAwIDI2IDI2Ij48cGF0aCBmaWxsPSIjMzEzMTMxIiBkPSJNMTMgMGExMyAxMyAwIDEgMCAwIDI2IDEzIDEzIDAgMCAwIDAtMjZtMCAyNGExMSAxMSAwIDEgMSAwLTIyIDExIDExIDAgMCAxIDAgMjIiLz48cGF0aCBmaWxsPSIjMzEzMTMxIiBkPSJtMTAuOTU1IDE2LjA1NS0zLjk1LTQuMTI1LTEuNDQ1IDEuMzg1IDUuMzcgNS42MSA5LjQ5NS05LjYtMS40Mi0xLjQwNXoiLz48L3N2Zz4=);padding-left:42px}.text-center{text-align:center}.pow-button{background-color:#0051c3;border:.063rem solid #0051c3;border-radius:.313rem;color:#fff;font-size:.875rem;line-height:1.313rem;margin:2rem 0;padding:.375rem 1rem;transition-duration:.2s;transition-property:background-color,border-color,color;transition-timing-function:ease}.pow-button:hover{background-color:#003681;border-color:#003681;color:#fff;cursor:pointer}.footer{font-size:.75rem;line-height:1.125rem;margin:0 auto;max-width:60rem;width:100%}.footer-inner{border-top:1px solid #d9d9d9;padding-bottom:1rem;padding-top:1rem}.clearfix:after{clear:both;content:"";display:table}.clearfix .column{float:left;padding-right:1.5rem;width:50%}.diagnostic-wrapper{margin-bottom:.5rem}.footer .ray-id{text-align:center}.footer .ray-id code{font-family:monaco,courier,monospace}.core-msg,.zone-name-title{overflow-wrap:break-word}@media (width <= 720px){.diagnostic-wrapper{display:flex;flex-wrap:wrap;justify-content:center}.clearfix:after{clear:none;content:none;display:initial;text-align:center}.column{padding-bottom:2rem}.clearfix .column{float:none;padding:0;width:auto;word-break:keep-all}.zone-name-title{margin-bottom:1rem}}.loading-spinner{height:76.391px}.lds-ring{display:inline-block;position:relative}.lds-ring,.lds-ring div{height:1.875rem;width:1.875rem}.lds-ring div{animation:lds-ring 1.2s cubic-bezier(.5,0,.5,1) infinite;border:.3rem solid transparent;border-radius:50%;border-top-color:#313131;box-sizing:border-box;display:block;position:absolute}.lds-ring div:first-child{animation-delay:-.45s}.lds-ring div:nth-child(2){animation-delay:-.3s}.lds-ring div:nth-child(3){animation-delay:-.15s}@keyframes lds-ring{0%{transform:rotate(0)}to{transform:rotate(1turn)}}@media screen and (-ms-high-contrast:active),screen and (-ms-high-contrast:none){.main-wrapper,body{display:block}}.rtl .heading-favicon{margin-left:.5rem;margin-right:0}.rtl #challenge-success-text{background-position:100%;padding-left:0;padding-right:42px}.rtl #challenge-error-text{background-position:100%;padding-left:0;padding-right:34px}</style><meta http-equiv="refresh" content="390"></head><body class="no-js"><div class="main-wrapper" role="main"><div class="main-content"><noscript><div id="challenge-error-title"><div class="h2"><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></div></noscript></div></div><script>(function(){window._cf_chl_opt={cvId: \'3\',cZone: "codepen.io",cType: \'managed\',cNounce: \'42739\',cRay: \'891a9078a9911ba1\',cHash: \'5ba68dbcbba0b7a\',cUPMDTk: "\\/Zhouzi\\/pen\\/JoRazP?__cf_chl_tk=88p2qL7gOJVJ_1FKI3eTiBfVETKc.aYyjhqmfiXUEtY-1718035122-0.0.1.1-4201",cFPWv: \'g\',cTTimeMs: \'1000\',cMTimeMs: \'390000\',cTplV: 5,cTplB: \'cf\',cK: "visitor-time",fa: "\\/Zhouzi\\/pen\\/JoRazP?__cf_chl_f_tk=88p2qL7gOJVJ_1FKI3eTiBfVETKc.aYyjhqmfiXUEtY-1718035122-0.0.1.1-4201",md: "ShIrN0VopaA8OtIKugxi1wiyi_gPwMG0SCh64ib08R0-1718035122-1.1.1.1-QCf2oxEAwtwypPa0fwZTd17sQdPbYW78T9YzQc0cm_5UIuN9Jkix29P9AM1s963QgrTqkGAmXwyBRYZpams0a7JTQUbh.V.E.ygp7xqr4i.fxf9sPJg4rnE61sdoHb2TOWEI0mSpxQMGnKwYQWVChvAmWVCV2PyY39R0F4cStRyX5y0kzH3Pd1eMTuvAKYNn5LfrucmZ_Amq_6eaYJxu6MJxJzBGFfaYXOSg_dTwZWJ6uBwZfGww8Tw8QgfOD9.OXJX8MT3UmUXaUhsmhhAE12x1GU2csm7KgIDa8JGQ43hHKQAAY7DBeFLZYbwV1FzkApzq3k_xz8DxXHyk_LgQTL2DTW6GKYSOxUGEH_WqK3AxxoeP8qgGBkri2zH_hFLOkAoGFceJwfnMfkGHocfJwHE9ixGb9f06_yWa9.Na3DTcIqd.3QH3HMzJd9qTuEfZsEwD4M_7B4I678ZFpCHQov3kSq1Ffn5Nx49fW47oorKYVeMhYLCebF0FgoamBYCyEEOcCMSFShSfZpRalhYLxm7pKRpTcOkTgrumEQcSYfYwFrZ5Rag.GM2rltBMVWmQ85vEAXI0t.SskTuiokdWSGc9ml2WAgvnHh6MvX6IvIo8tA.VnyTAeYWUHEJAIlzMLrhSBZRkH9oYJpF_rir820fmvbwWtsMRjz0tFAMz6PK0vRwYvGdm0yfqn0o5FxdZT4XZb8J4u7mQna4oQu5WpX.tZk3BLnwIWPbuCiXTAPppMJcxdWrGFyLpG9I_8aAgVF_yOLwNo8SDiQn_F78WyBmFbGstmtLQxU7Du1g1YsEZDTimwkToFN8oAQ7oQ0hDzwrMe_VJfuPkJrmvC3iVvbtzh8FMFeeK9tGYAJ.yQFjuqBZIYcg7dAO.xFPH_vTjY1EIyCRkC6xyFlbepruLNLG1jSNF9TuQU8maMZi7Ft0jOp9fGKt1Y2pIq7F0bF1bKuWQCEhPuSZ6R2bK6FxUfqrdTULTo2Xj8K1XlSPSvIQDbnmcF5GjztR8usWZf5F6TdmG6T6RdOP7gHC0CtsGZ3M66fWdtHUiCsmw4ZTNrhGzXgfxyJbLIhsetWlZlMeSitKcqOJTWZjyPvwG7ja_.Nj.YW5uztft394GSq7bNjyNZ3vXd8hSOTyFDvnMOp2sDCktS9eGz.qX_aD0OyKiFz1bi7BzJQ4i0sdImW2QTsUcTxpkyl_WLWSWUl_GBsebPB7Yi6s0lfBrCgP4rW_R1XgfSMy87O1V9ia6fImXtLO6VxHG5vcljYDODuaY0K06uI0VEpeVkAJp_4WDv9iiGoLUmhCLkNjmO4.Zr87U6EWBg6lUioDio7DqWILZ4t0GYLyiOdFjCmOTu5k9eqahOB35NO6koD698TyFIuTOvAoaO4Zo9Bs_nwcINJxQ.TFeyGDhf4ZuO8b4AhYMh1xSQMMXelU3obN58mcOR6dhew91m3PiowZWIHYW6B3iJLf8aWRzQEG5kCh5thBLbIDAvbVbG6gQ9RBklHs8aZzk_IZ4PEAu.6DXPQx8vAo1RRY2",mdrd: "QBf9JvcXUAV1mQ5zdpI6barWxe2USIrUctkydlLz1Yk-1718035122-1.1.1.1-.zoETVjNLaYW.vFyQCi7hVcYTHKX92OOyAHkzhngHnakDm0E2Q6BExpW0ySr3qgTx.Iy7qAjG_UsF_D7CefOr84ZY1r71FJYp_4yerYGggOCE.BQXIIHasWvawvv7bnK_z8LCTYGVirI7GHlfp99Dxl47juMkC1daQj7pEYNbedpL_3KUbdztw_jdwXAERCd8ft2GS9zO.nkSSWihjJVadd.1YCbVaTijJT9oS7KrCmtiRvik.E0XKqOWqRM4_ggAGJEPY41V5StfdaE1wtV054WrAURjx7jREyROxLx8L4bXhwDbI8dre6ejwinCVFhLqcdMGFhFeXIrZpD0ipCgc2wvWhchUMbovNST7j0B31zW0ldHXi97IN1sPy7zbTQ9aWRwi0pqDVv713b6bI6QtewdLrJGi1gkGc18rHQ6rzi8s8IMgM17vzJ.qYeF8UtoMG1Jwkjn9JpMEN3NBZsvyrqSdPDY6V2stHKOaSkq0sIJuTvG6qX6Qt1akX2h2oXYEvxjiuShkHMjlQdkTieabyweem6fF3Bm.yKd1MiaNQ5p0_KPNbOZKodpwObaRGu4MymFLfTPbMPc_AObILf3Ka5bWJQFIp1rc4_xUbhYPFewLcPJcDUJPzDq35TW2By9z9fEjl08.vzaf.VtXRcIZ1ymjMoIat4o9W10aYeqW.vF_TsaKUljP95f44OdxfY0Z4.pdpn7FWCe67LRguPY3d5MOKc0ZV68VkD2ZWEgRah_gXlFa3VT7dI.8.PEp3Ql9i.k9xWAQnlm6JxOaWQwdNRVstcwbGHIM9ERBC_k0CUmxPTgFPuelq2BFpGTBVOFQO3FUe1qEJTOTGrPpu0lujK4cM8j6qOfjNjFGENmvT0D8e1Oh5LS1RrlJvZenpGQQMF_JLNSyGFwQxiAlhRcW8ZmqlrmwJ6z1XTyZTOjLWqPd.OBSQOvTVjHkf1ygRfajuNgISIb3H82WSUbaG2qQ6aErBcjfgdscQPhZSiJdP.T6OtO.O0cb7WWBeceWTcI3UzSmtUz.NCZrjXm7KgA2IOefjUvTc_U0m7vNPYlRxMjmdWoFADKqWADwGgu.iS7WnmlxFtMNQkvRmPapNn7Fw8iDbZdw1VITPQEWLOg8Y2cMHbYRyRK9TVwDdzbfdc.p7eCjZoCfTRnIzXxadl8oyi6iyVHD3eTzAAtp9BrJAF4eBw9lVD_anXtwkHIRPtOnJOZHPvBgxjEpSkScqUt_HeadfievqaICznSWyIeYQOMBVShvDsqo8DFD4wjfzjvg74Sr.wVKxf73X9SI55jyY6o.dbZ9Gui5g7BVsdrznc9Ky65IFtAQ6smellb9_i9YOvBtDEpcxZhpWS9xFfKVwmjBJpjsAx99ZDGnbUs.tBKcUhxBGMRKhOPw4VDBBT.iJdW_HsBOkgnVw0cRDCG8UXle07tfkljF1IIKh6mVuoAC.EggXQOdR9UXCIyLsq0zD_QQ3i4RoVwo_zq_RHF6RXdDGW9q4OSuaV2wieeYMAysXlmkE.2Zzn74wXv3LJkGltZhD8yMor8fovNU6G2ciny2ekCtm4xDD8pHIcRoYOudpFZyPPCPtdcphMfwp7h13rWztOvVk5zzmgDp91uGGAIVlT0Pgg39GBlO_ZZjLzFNOx..IwuRA5WaqeEHjmthz2UQqM5dCS.6M5PchoD7lhBpaqksfkoIfV7acDBOl_Tt9BNhZ33XVrCpI09TRwbfqnfSiD4.DPRvJYblUZpJF8_WTTPU2cueZrwNEjiGIEbdmAwJhMpeaC6_9VxuKiDF_pnxlZCkJPuGHCVQKkGBEg8Hw.MD8L.Zmll8opdHBPL30is6FErsISY7rg5M5rH3lZfnkK19KL6r6CBx4_lahDuyiaSe.06LCBGhFKZqMSnzPyUt9BUnVapv3xar.zm2Z3LRzT2CeZ7g3MM73He.9Xc0hDs7kICTDUT3LiYL5lCCoitgsYnbNqwkxc4mGY27RXxE8RNdUV5Yw1OrMO.0GefS81RF8vjDLqMxZ0ws_L4Vxn6pXWNyjkZTRQCThFgLZgFfd71Ysryyzs0XVkEW0AXatpxHMdFgMn9MDcbmrFqfFeKMyKdr7A1NYYEJZif_eip7skx0n6zjQjKTV_5VXVtGRS5X.ejrnXsht4qmqDtUZVXzDpocP06hnYye0Xbj2Rf46DgZ_5mSx81ifNK3XBA1UtlhivfG54vuy8VzMhmE5H6AHdW5Oh2j3pfv4uGR3JZlWumz4J3kryC7KSzwmSLlsa3PFToBgnqBYHttRG5r9Fi1nWuWDcYKBWZ7NajsGFq7Y.SBy9vDo6YQyFPuMonVEqgiNK3aJmyZfkKAzCktijqUvajQc80tzlHbo9I_J_Ewxia.3xN5vRhfaKep_Dl8lh_33vmcp_gddM9PWq8nkUbRE5tJ2di0__ukdv44y4GSbNxYHrYCsxekz1UL4VlBP5Do4amztthU28YBA6_EPzuUcvXhQ37RxJMwzG4gMIhPZTpNirnfjWDlnM14bcIWgEsfXiyns00r8V79c",cRq: {ru: \'aHR0cHM6Ly9jb2RlcGVuLmlvL1pob3V6aS9wZW4vSm9SYXpQ\',ra: \'TW96aWxsYS81LjAgKE1hY2ludG9zaDsgSW50ZWwgTWFjIE9TIFggMTAuMTU7IHJ2OjczLjApIEdlY2tvLzIwMTAwMTAxIEZpcmVmb3gvNzMuMA==\',rm: \'R0VU\',d: \'/ifSwc14BWx79eEgxzV/3PEX872pZWlO0RRgHmysybG49KpiCAlmkIO8JBDa8toI06Rp7hPL4rPmPAgUDf5qceIw3BbxCeGbtWJDukXvV49itH+dgDrY5Z1qjgIXrEWUPwFa02Q97eVEapoh1L0HaiGTfrk5u/3cLIV4wqFJ5/e882ndNEN6SDT0ctyqpNW57nHOCKT9tyT5/fsDin9lyiui9YQuWeMul96sUaV93SWt7h66+13Qyh6vvIno6H/eobwB2Xq/O08pq2BPkVV1FamfiHyRSdXhccuPlEim8KLv6NqYXEsE0fls7/VkHzCbQWuP0M5UO4D+bFROPLDzJ8hSoSQ36j7/5RW1fdKE7lZdirKTD5l7dhkSa2iotKQg+p2PzMwMWGh/GL+zAIe+GcrFmRW7cML0hjOXCJNAvCZhzkKjo3irSrZlNGYGa/61+DutKQp/UUQ/VtPmyIxI/h9V+QZKvXbdM2oQ/mCL9QV+jdcxHPisSarpkSOx7y3blRnQeV8fEPVw9UMzsruufzYEMTUeZuoTz2egGxmBnZ6uD49Jx3XMI9U/sH3fcxWg\',t: \'MTcxODAzNTEyMi4wMDAwMDA=\',cT: Math.floor(Date.now() / 1000),m: \'o8lcIpm7+UYkd/zCjrKOituVTdMQJoEoW4LptI5Swh8=\',i1: \'DwTz0FVARizfCF5yd5LkgQ==\',i2: \'rkrOaEHNXaImw3FM862NaA==\',zh: \'veSOPFJX5Ero4YoZ6DYiVqXxq6FxkxT2E8Jzx8vQKoU=\',uh: \'0YB2A+xOqb2EHJ77GOVe6j1Wc+i9YaVkPqkxZPyV7o0=\',hh: \'0mPf/4V3RyKa+UghzDhGn3YZ3ZhfBgU14V1lB2gHVl4=\',}};var cpo = document.createElement(\'script\');cpo.src = \'/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=891a9078a9911ba1\';window._cf_chl_opt.cOgUHash = location.hash === \'\' && location.href.indexOf(\'#\') !== -1 ? \'#\' : location.hash;window._cf_chl_opt.cOgUQuery = location.search === \'\' && location.href.slice(0, location.href.length - window._cf_chl_opt.cOgUHash.length).indexOf(\'?\') !== -1 ? \'?\' : location.search;if (window.history && window.history.replaceState) {var ogU = location.pathname + window._cf_chl_opt.cOgUQuery + window._cf_chl_opt.cOgUHash;history.replaceState(null, null, "\\/Zhouzi\\/pen\\/JoRazP?__cf_chl_rt_tk=88p2qL7gOJVJ_1FKI3eTiBfVETKc.aYyjhqmfiXUEtY-1718035122-0.0.1.1-4201" + window._cf_chl_opt.cOgUHash);cpo.onload = function() {history.replaceState(null, null, ogU);}}document.getElementsByTagName(\'head\')[0].appendChild(cpo);}());</script></body></html>'
];
