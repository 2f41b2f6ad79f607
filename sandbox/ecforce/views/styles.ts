import { trusted } from '../html';

/** Just enough styling that screenshots of the sandbox look like an admin screen. */
export const standardStyles = trusted(`<style>
body{margin:0;font-family:"Noto Sans CJK JP","Hiragino Sans",Meiryo,sans-serif;font-size:14px;color:#333;background:#ecf0f5}
.main-header{display:flex;justify-content:space-between;align-items:center;height:50px;background:#3c8dbc;color:#fff;padding:0 16px}
.main-header .logo{color:#fff;font-weight:bold;font-size:20px;text-decoration:none}
.navbar-custom-menu{display:flex;gap:12px;align-items:center}
.wrapper{display:flex;min-height:calc(100vh - 50px)}
.main-sidebar{width:220px;background:#222d32;color:#b8c7ce}
.sidebar-menu,.treeview-menu{list-style:none;margin:0;padding:0}
.sidebar-menu a{display:block;color:#b8c7ce;padding:8px 16px;text-decoration:none}
.sidebar-menu .treeview-title{display:block;padding:8px 16px;color:#fff}
.treeview-menu a{padding-left:32px}
.content-wrapper{flex:1;padding:16px 24px}
.content-header h1{font-size:22px;margin:0 0 8px}
.breadcrumb{list-style:none;display:flex;gap:6px;padding:0;color:#777;font-size:12px}
.breadcrumb li+li:before{content:"> "}
.box{background:#fff;border-top:3px solid #3c8dbc;padding:12px 16px;margin-bottom:16px}
.alert{padding:10px 14px;margin-bottom:12px;border-radius:3px}
.alert-success{background:#dff0d8;color:#3c763d}.alert-danger{background:#f2dede;color:#a94442}
.table{border-collapse:collapse;width:100%;background:#fff}.table th,.table td{border:1px solid #ddd;padding:6px 8px;text-align:left}
.btn{display:inline-block;padding:5px 12px;border:1px solid #ccc;background:#f4f4f4;color:#333;border-radius:3px;text-decoration:none;cursor:pointer}
.btn-primary{background:#3c8dbc;border-color:#367fa9;color:#fff}.btn-danger{background:#dd4b39;color:#fff}
.form-group{margin-bottom:10px}.form-group label{display:block;font-weight:bold;margin-bottom:4px}
textarea{width:100%;min-height:90px}
.pagination{display:flex;gap:4px;list-style:none;padding:0}.pagination a,.pagination span{padding:4px 8px;border:1px solid #ddd;background:#fff}
.label-status{padding:2px 6px;border-radius:3px;color:#fff;background:#777}.label-status.active{background:#00a65a}.label-status.cancel{background:#dd4b39}
.nav-tabs{display:flex;gap:4px;list-style:none;padding:0;border-bottom:1px solid #ddd}.nav-tabs a{display:block;padding:6px 12px;text-decoration:none}
.nav-tabs a[aria-selected=true]{background:#fff;border:1px solid #ddd;border-bottom-color:#fff}
dl.dl-horizontal{display:grid;grid-template-columns:160px 1fr;gap:4px 12px}dl.dl-horizontal dt{font-weight:bold}
</style>`);

export const variantStyles = trusted(`<style>
body{margin:0;font-family:"Noto Sans CJK JP",Meiryo,sans-serif;font-size:13px;color:#222;background:#fafafa}
.l-header{background:#1f2937;color:#fff;padding:8px 20px}
.gnav{display:flex;gap:18px;list-style:none;margin:8px 0 0;padding:0}.gnav a{color:#e5e7eb;text-decoration:none}
.gnav ul{display:flex;gap:10px;list-style:none;padding:0;margin:0}
.l-main{padding:20px 32px}
.page-head .ttl{font-size:20px;border-left:4px solid #f59e0b;padding-left:8px}
.c-card{background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:14px 18px;margin-bottom:18px}
.c-flash{padding:8px 12px;border-radius:6px}.c-flash--ok{background:#ecfdf5}.c-flash--ng{background:#fef2f2}
.c-table{border-collapse:collapse;width:100%}.c-table th,.c-table td{border-bottom:1px solid #e5e7eb;padding:6px 10px}
.c-btn{display:inline-block;padding:6px 14px;border-radius:999px;border:1px solid #9ca3af;background:#fff;text-decoration:none;color:#111}
.c-btn--main{background:#f59e0b;border-color:#d97706;color:#fff}
.c-field{display:grid;grid-template-columns:180px 1fr;gap:8px;margin-bottom:8px}
textarea{width:100%;min-height:80px}
</style>`);
