export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

export function offsetOf(request: PageRequest): number {
  return (request.page - 1) * request.pageSize;
}
